// CsvReader + Table: the quirks of real files, and errors that point at line and column.
#include "core/Error.h"
#include "data/CsvReader.h"

#include <QTest>

#include <cmath>

using namespace layerlab::engine;
using data::CsvReader;
using data::Table;

class TestCsvReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dialects_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("lf") << QByteArray("a,b,c\n1,2,x\n3,4,y\n");
        QTest::newRow("crlf") << QByteArray("a,b,c\r\n1,2,x\r\n3,4,y\r\n");
        QTest::newRow("cr") << QByteArray("a,b,c\r1,2,x\r3,4,y");
        QTest::newRow("bom, no final newline") << QByteArray("\xEF\xBB\xBF" "a,b,c\n1,2,x\n3,4,y");
        QTest::newRow("semicolon") << QByteArray("a;b;c\n1;2;x\n3;4;y\n");
        QTest::newRow("tab") << QByteArray("a\tb\tc\n1\t2\tx\n3\t4\ty\n");
        QTest::newRow("pipe") << QByteArray("a|b|c\n1|2|x\n3|4|y\n");
        QTest::newRow("quoted") << QByteArray("\"a\",\"b\",\"c\"\n\"1\",2,\"x\"\n3,\"4\",y\n");
        QTest::newRow("blank lines") << QByteArray("a,b,c\n\n1,2,x\n\n3,4,y\n\n");
    }
    void dialects() {
        QFETCH(QByteArray, text);
        const Table t = CsvReader::readText(text.toStdString(), "t.csv");
        QCOMPARE(t.columnCount(), std::size_t(3));
        QCOMPARE(t.rowCount(), std::size_t(2));
        QCOMPARE(QString::fromStdString(t.column(0).name), QString("a"));
        QCOMPARE(t.column(1).values[1], 4.0f);
        QVERIFY(!t.column(2).isNumeric());
        QCOMPARE(QString::fromStdString(t.text(2, 1)), QString("y"));
    }
    void embeddedQuotesDelimitersAndNewlines() {
        const Table t = CsvReader::readText("name,n\n\"Hong Kong, China\",1\n\"say \"\"hi\"\"\nthere\",2\nlast,3\n", "q.csv");
        QCOMPARE(t.rowCount(), std::size_t(3));
        QCOMPARE(QString::fromStdString(t.text(0, 0)), QString("Hong Kong, China"));
        QCOMPARE(QString::fromStdString(t.text(0, 1)), QString("say \"hi\"\nthere"));
        QCOMPARE(t.rowLine(2), std::int64_t(5)); // the quoted newline moved "last" to line 5
    }
    void numbersAndMissing() {
        const Table t = CsvReader::readText("x\n1e3\n-0\n 2.5 \n\nNA\n0.15000000000000036\n+7\n", "n.csv");
        const auto& c = t.column(0);
        QVERIFY(c.isNumeric());
        QCOMPARE(c.values[0], 1000.0f);
        QCOMPARE(c.values[2], 2.5f);
        QVERIFY(std::isnan(c.values[3]));
        QCOMPARE(c.missing, std::int64_t(1));
        QCOMPARE(c.values[5], 7.0f);
        QVERIFY(!Table::parseNumber("inf"));
        QVERIFY(!Table::parseNumber("1.2.3"));
        QVERIFY(!Table::parseNumber("0x10"));
    }
    void missingSpellings() {
        // Every documented spelling, bare and padded; and words that only look like one.
        for (const std::string& s : Table::missingSpellings()) {
            QVERIFY2(Table::isMissingText(s), s.c_str());
            QVERIFY2(Table::isMissingText(" \t" + s + "  "), s.c_str());
        }
        for (const char* notMissing : {"N", "Na", "NAN", "n/a", "none", "nulls", "NaNa", "?x", "0", "nan5", "NULL!", "x?"})
            QVERIFY2(!Table::isMissingText(notMissing), notMissing);
    }
    void columnTurningToTextKeepsEarlierValues() {
        std::string text = "v\n";
        for (int i = 0; i < 400; ++i) text += std::to_string(i) + "\n"; // past the numeric dictionary limit
        text += "oops\n";
        const Table t = CsvReader::readText(text, "v.csv");
        const auto& c = t.column(0);
        QVERIFY(!c.isNumeric());
        QCOMPARE(c.firstTextRow, std::int64_t(400));
        QCOMPARE(QString::fromStdString(t.text(0, 123)), QString("123"));
        QCOMPARE(QString::fromStdString(t.text(0, 400)), QString("oops"));
    }
    void errors_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("words");
        QTest::newRow("ragged row") << QByteArray("a,b\n1,2\n3\n") << 3 << 2 << "expected 2 fields";
        QTest::newRow("too many") << QByteArray("a,b\n1,2,3\n") << 2 << 3 << "found 3";
        QTest::newRow("unclosed quote") << QByteArray("a,b\n1,\"2\n3,4\n") << 2 << 2 << "never closed";
        QTest::newRow("text after quote") << QByteArray("a,b\n1,\"2\"x\n") << 2 << 2 << "after a closing quote";
        QTest::newRow("duplicate header") << QByteArray("a,a\n1,2\n") << 1 << 2 << "duplicate column";
        QTest::newRow("empty") << QByteArray("") << 1 << 0 << "empty";
    }
    void errors() {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, words);
        try {
            CsvReader::readText(text.toStdString(), "bad.csv");
            QFAIL("accepted a malformed file");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.file()), QString("bad.csv"));
            QCOMPARE(int(e.line()), line);
            QCOMPARE(int(e.column()), column);
            QVERIFY2(QString(e.what()).contains(words), e.what());
        }
    }
    void missingFile() { QVERIFY_THROWS_EXCEPTION(FileError, CsvReader::readFile("/nonexistent/x.csv")); }
    void sharedSampleLoads() {
        const Table t = CsvReader::readFile(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.csv");
        QCOMPARE(t.rowCount(), std::size_t(10000));
        QCOMPARE(t.columnCount(), std::size_t(11));
    }
};

QTEST_APPLESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
