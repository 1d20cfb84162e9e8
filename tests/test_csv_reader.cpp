// CsvReader + Table: the quirks of real files, and errors that point at line and column.
#include "core/Error.h"
#include "data/CsvReader.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>
#include <zlib.h>

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
        QCOMPARE(t.column(1).number(1), 4.0f);
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
        QCOMPARE(c.number(0), 1000.0f);
        QCOMPARE(c.number(2), 2.5f);
        QVERIFY(std::isnan(c.number(3)));
        QCOMPARE(c.missing, std::int64_t(1));
        QCOMPARE(c.number(5), 7.0f);
        QVERIFY(!Table::parseNumber("inf"));
        QVERIFY(!Table::parseNumber("1.2.3"));
        QVERIFY(!Table::parseNumber("0x10"));
        // from_chars reads these; a number column must not (they would reach training as Inf/NaN).
        for (const char* word : {"-inf", "-nan", "-infinity", "+inf", "+nan", "-", "+", "-x"})
            QVERIFY2(!Table::parseNumber(word), word);
        QCOMPARE(*Table::parseNumber("-.5"), -0.5f);
        QCOMPARE(*Table::parseNumber("-5"), -5.0f);
        const Table words = CsvReader::readText("x\n-inf\n1\n-nan\n", "w.csv");
        QVERIFY(!words.column(0).isNumeric());
    }
    void decimalCommaInSemicolonFiles() {
        const Table t = CsvReader::readText("x;name;y\n1,5;Smith, John;1\n-2,25;b;2\n3;c;3\n1,5e2;d;4\n", "eu.csv");
        const auto& x = t.column(0);
        QVERIFY(x.isNumeric());
        QCOMPARE(x.number(0), 1.5f);
        QCOMPARE(x.number(1), -2.25f);
        QCOMPARE(x.number(2), 3.0f);
        QCOMPARE(x.number(3), 150.0f);
        QCOMPARE(QString::fromStdString(t.text(0, 0)), QString("1.5")); // later stages read one spelling
        QCOMPARE(QString::fromStdString(t.text(1, 0)), QString("Smith, John"));
        // Only ';' files: in a ',' file a quoted "1,5" is text, as it would be in any other reader.
        const Table us = CsvReader::readText("x,y\n\"1,5\",1\n2,2\n", "us.csv");
        QVERIFY(!us.column(0).isNumeric());
        std::string scratch;
        for (const char* notNumber : {"1,234,5", ",5", "5,", "1.5,2", "a,b", "1, 5"})
            QCOMPARE(QString::fromStdString(std::string(Table::decimalPoint(notNumber, scratch))), QString(notNumber));
    }
    void textThatIsNotUtf8IsReadAsWindows1252() {
        // Excel on Windows saves CSV in Windows-1252: "caf\xE9", "\x80" for the euro sign.
        const Table t = CsvReader::readText("caf\xE9,v\ncaf\xE9,1\ncaf\xC3\xA9,2\n\x80uro,3\ncaf\xE9,4\n", "cp.csv");
        QCOMPARE(QString::fromStdString(t.column(0).name), QString::fromUtf8("café"));
        QCOMPARE(QString::fromStdString(t.text(0, 0)), QString::fromUtf8("café"));
        QCOMPARE(QString::fromStdString(t.text(0, 2)), QString::fromUtf8("€uro"));
        QCOMPARE(t.column(0).levelCount(), std::size_t(2)); // both spellings of café are one level
        QCOMPARE(t.column(0).code(1), t.column(0).code(0));
        QVERIFY(Table::isUtf8("plain"));
        QVERIFY(Table::isUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
        for (const char* bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC3", "\x80", "\xFF"})
            QVERIFY2(!Table::isUtf8(bad), bad);
        QCOMPARE(QString::fromStdString(Table::toUtf8("\x93quoted\x94 \xFC")), QString::fromUtf8("“quoted” ü"));
        for (int b = 0; b < 256; ++b) QVERIFY(Table::isUtf8(Table::toUtf8(std::string(1, char(b)))));
    }
    void refusesFilesThatAreNotText_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        QTest::newRow("utf-16 le") << QByteArray("\xFF\xFEx\0,\0y\0", 8) << 0 << "UTF-16";
        QTest::newRow("utf-16 be") << QByteArray("\xFE\xFF\0x\0,\0y", 8) << 0 << "UTF-16";
        QTest::newRow("xlsx") << QByteArray("PK\x03\x04\x14\0\x06\0", 8) << 0 << "xlsx";
        QTest::newRow("xls") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << 0 << ".xls";
        QTest::newRow("pdf") << QByteArray("%PDF-1.7\n") << 0 << "PDF";
        QTest::newRow("nul on line 3") << QByteArray("a,b\n1,2\n3,\0\n", 13) << 3 << "NUL";
    }
    void refusesFilesThatAreNotText() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, line);
        QFETCH(QString, words);
        const std::string text(bytes.constData(), std::size_t(bytes.size()));
        try {
            CsvReader::readText(text, "odd.csv");
            QFAIL("read a file that is not CSV text");
        } catch (const FileError& e) {
            QCOMPARE(int(e.line()), line);
            QVERIFY2(QString(e.what()).contains(words), e.what());
        }
        // The streaming reader (files, .gz) refuses it the same way.
        const QString path = QDir::temp().filePath("layerlab-odd.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        try {
            CsvReader::readFile(path.toStdString());
            QFAIL("read a file that is not CSV text");
        } catch (const FileError& e) {
            QVERIFY2(QString(e.what()).contains(words), e.what());
        }
        QFile::remove(path);
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
        for (int r = 0; r < 400; ++r) QCOMPARE(c.number(std::size_t(r)), float(r)); // the rebuilt levels read back
    }
    // Codes are as wide as the level count needs: 1 byte up to 256 levels, then 2, then 4; each
    // row's text and number survive every widening.
    void codesWidenWithTheLevelCount() {
        std::string text = "id,n\n";
        const int rows = 70000; // past 65,536 levels
        for (int i = 0; i < rows; ++i) text += "k" + std::to_string(i % 69000) + "," + std::to_string(i % 7) + ".5\n";
        const Table t = CsvReader::readText(text, "ids.csv");
        const auto& id = t.column(0);
        QVERIFY(id.hasLevels());
        QCOMPARE(id.levelCount(), std::size_t(69000));
        for (const int r : {0, 255, 256, 65535, 65536, 68999, 69000, 69999})
            QCOMPARE(QString::fromStdString(t.text(0, std::size_t(r))), QString("k%1").arg(r % 69000));
        QCOMPARE(id.code(69000), id.code(0));
        QVERIFY(std::isnan(id.number(5)));
        const auto& n = t.column(1);
        QVERIFY(n.hasLevels() && n.isNumeric());
        QCOMPARE(n.number(3), 3.5f);
        QCOMPARE(QString::fromStdString(t.text(1, 6)), QString("6.5"));
    }
    // A wide file of small integers (about 2 bytes a cell on disk) must not cost a float and a
    // 4-byte code per cell: issue 18 measured 100,000 columns x 200 rows at 7.5x the file.
    void wideSmallIntegerFilesCostAboutAByteACell() {
        const int columns = 2000, rows = 200;
        std::string text;
        for (int c = 0; c < columns; ++c) text += (c ? ",c" : "c") + std::to_string(c);
        text += "\n";
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < columns; ++c) text += (c ? "," : "") + std::to_string((r * 7 + c * 3) % 10);
            text += "\n";
        }
        const Table t = CsvReader::readText(text, "wide.csv");
        std::size_t bytes = 0;
        for (std::size_t c = 0; c < t.columnCount(); ++c) bytes += t.column(c).heapBytes() + sizeof(Table::Column);
        const double perCell = double(bytes) / (double(columns) * rows);
        QVERIFY2(perCell < 3.0, qPrintable(QString("%1 bytes per cell").arg(perCell)));
        QCOMPARE(t.column(1999).number(199), float((199 * 7 + 1999 * 3) % 10));
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
    void wideFilesFindColumnsByName() {
        std::string header, row;
        for (int i = 0; i < 3000; ++i) {
            header += (i ? ",c" : "c") + std::to_string(i);
            row += (i ? "," : "") + std::to_string(i);
        }
        Table t = CsvReader::readText(header + "\n" + row + "\n", "wide.csv");
        QCOMPARE(*t.columnIndex("c2999"), std::size_t(2999));
        QCOMPARE(*t.columnIndex("c0"), std::size_t(0));
        QVERIFY(!t.columnIndex("c3000"));
        t.addColumn("derived", {1.0f});
        QCOMPARE(*t.columnIndex("derived"), std::size_t(3000));
        QVERIFY_THROWS_EXCEPTION(FileError, CsvReader::readText(header + ",c1500\n" + row + ",1\n", "dup.csv"));
    }
    // zlib reports a cut stream through gzerror (Z_BUF_ERROR), not a failed read: 14 of 20 random
    // cuts once read as a shorter, valid file. Every cut must be an error naming "truncated".
    void truncatedGzipIsAnErrorAtEveryCut() {
        std::string csv = "a,b,label\n";
        for (int i = 0; i < 4000; ++i)
            csv += std::to_string(i) + "," + std::to_string(i * 7 % 1000) + ".654321," + (i % 3 ? "yes" : "no") + "\n";
        const QString whole = QDir::temp().filePath("layerlab-whole.csv.gz");
        gzFile gz = gzopen(whole.toLocal8Bit().constData(), "wb");
        QVERIFY(gz);
        QCOMPARE(gzwrite(gz, csv.data(), unsigned(csv.size())), int(csv.size()));
        QCOMPARE(gzclose(gz), Z_OK);
        QFile f(whole);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        f.close();
        QCOMPARE(CsvReader::readFile(whole.toStdString()).rowCount(), std::size_t(4000));
        const QString cutPath = QDir::temp().filePath("layerlab-cut.csv.gz");
        int cuts = 0;
        auto check = [&](qsizetype cut) {
            QFile out(cutPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(bytes.left(cut));
            out.close();
            try {
                const Table t = CsvReader::readFile(cutPath.toStdString(), {}, {});
                QFAIL(qPrintable(QString("a gzip cut at byte %1 of %2 read as %3 rows").arg(cut).arg(bytes.size()).arg(t.rowCount())));
            } catch (const FileError& e) {
                QVERIFY2(QString(e.what()).contains("truncated"), e.what());
                QVERIFY2(QString(e.what()).contains("layerlab-cut.csv.gz"), e.what());
            }
            ++cuts;
        };
        for (qsizetype cut = 1; cut < 40; ++cut) check(cut);                           // inside the header
        for (qsizetype cut = 40; cut < bytes.size() - 16; cut += 97) check(cut);       // inside the data
        for (qsizetype cut = bytes.size() - 16; cut < bytes.size(); ++cut) check(cut); // the trailer
        QVERIFY(cuts > 100);
        QFile::remove(whole);
        QFile::remove(cutPath);
    }
    // The binary check once looked at the first 64 KiB only: a NUL later became part of a label.
    void nulAfterTheHeadIsRefusedWithItsLine() {
        std::string csv = "x,label\n";
        for (int i = 0; i < 20000; ++i) csv += std::to_string(i) + ",yes\n";
        QVERIFY(csv.size() > (64u << 10));
        const std::string bad = csv + "1,\"ye" + std::string(1, '\0') + "s\"\n2,no" + std::string(1, '\0') + "\n";
        try {
            CsvReader::readText(bad, "late-nul.csv");
            QFAIL("read a NUL byte as text");
        } catch (const FileError& e) {
            QCOMPARE(int(e.line()), 20002);
            QCOMPARE(int(e.column()), 2);
            QVERIFY2(QString(e.what()).contains("NUL"), e.what());
        }
        const QString path = QDir::temp().filePath("layerlab-late-nul.csv");
        for (const std::size_t chunk : {std::size_t(1) << 20, std::size_t(4096), std::size_t(7)}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(csv.data(), qint64(csv.size()));
            f.write("3,n", 3);
            f.write("\0", 1);
            f.write("o\n", 2);
            f.close();
            data::CsvOptions options;
            options.chunkBytes = chunk;
            try {
                CsvReader::readFile(path.toStdString(), options);
                QFAIL("read a NUL byte as text");
            } catch (const FileError& e) {
                QCOMPARE(int(e.line()), 20002);
                QVERIFY2(QString(e.what()).contains("NUL"), e.what());
            }
        }
        QFile::remove(path);
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
