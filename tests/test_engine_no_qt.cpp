// The engine must stay free of Qt (STYLE.md #1): fails if any engine file includes a Qt header.
// (The patterns spell the quote as \x22: moc mis-reads a quote inside a raw string literal.)
#include <QDirIterator>
#include <QRegularExpression>
#include <QTest>

class TestEngineNoQt : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noQtIncludes() {
        const QString root = QStringLiteral(LAYERLAB_SOURCE_DIR) + "/engine";
        QVERIFY2(QDir(root).exists(), qPrintable(root));
        const QRegularExpression qtInclude(R"(^\s*#\s*include\s*[<\x22](Q[A-Za-z]+|Qt[A-Za-z]+/))",
                                           QRegularExpression::MultilineOption);
        int files = 0;
        QStringList offenders;
        QDirIterator it(root, {"*.h", "*.hpp", "*.cpp", "*.cc"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            if (qtInclude.match(QString::fromUtf8(f.readAll())).hasMatch()) offenders << it.filePath();
        }
        QVERIFY2(files > 20, "the engine sources were not found");
        QVERIFY2(offenders.isEmpty(), qPrintable("Qt included in: " + offenders.join(", ")));
    }
    void checkerCatchesAnInclude() {
        // The pattern itself must match what it is meant to forbid.
        const QRegularExpression qtInclude(R"(^\s*#\s*include\s*[<\x22](Q[A-Za-z]+|Qt[A-Za-z]+/))",
                                           QRegularExpression::MultilineOption);
        QVERIFY(qtInclude.match("#include <QString>\n").hasMatch());
        QVERIFY(qtInclude.match("  #  include \"QtCore/qglobal.h\"").hasMatch());
        QVERIFY(!qtInclude.match("#include <queue>").hasMatch());
    }
};

QTEST_APPLESS_MAIN(TestEngineNoQt)
#include "test_engine_no_qt.moc"
