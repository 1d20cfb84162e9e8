// The engine must stay free of Qt (STYLE.md #1): fails if any engine file includes a Qt header;
// and its folders must stay layered (no include from a higher layer).
// (The patterns spell the quote as \x22: moc mis-reads a quote inside a raw string literal.)
#include <QDirIterator>
#include <QHash>
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
    // Issue 19: the engine's folders are layers, each including only the ones below it:
    // core < data, nn < io, design < model < train < project (design: the canvas's headless graph). The project file keeps a run (train), so
    // train must not read project files; the model file names its loss (nn), so the loss is not
    // the trainer's. A cycle here had train and io including each other.
    void foldersIncludeOnlyTheLayersBelow() {
        const QHash<QString, int> rank{{"core", 0}, {"data", 1}, {"nn", 1}, {"io", 2}, {"design", 2}, {"model", 3}, {"train", 4}, {"project", 5}};
        const QString root = QStringLiteral(LAYERLAB_SOURCE_DIR) + "/engine";
        const QRegularExpression include(R"(^\s*#\s*include\s*\x22([a-z]+)/)", QRegularExpression::MultilineOption);
        QStringList offenders;
        int checked = 0;
        QDirIterator it(root, {"*.h", "*.cpp"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString folder = QDir(root).relativeFilePath(path).section(QLatin1Char('/'), 0, 0);
            QVERIFY2(rank.contains(folder), qPrintable("an engine folder with no layer: " + folder));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto m = include.globalMatch(QString::fromUtf8(f.readAll()));
            while (m.hasNext()) {
                const QString used = m.next().captured(1);
                if (!rank.contains(used)) continue; // a library's own folder ("tbb/", "Eigen/")
                ++checked;
                if (used != folder && rank.value(used) >= rank.value(folder)) offenders << folder + " -> " + used + " in " + it.fileName();
            }
        }
        QVERIFY2(checked > 50, "no engine includes were found");
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(", ")));
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
