// The workbench window, driven as a person would (offscreen): it opens a sample project in the
// background, shows its layers, and survives a corrupt project with a message naming the file.
#include "MainWindow.h"
#include "MessageBar.h"
#include "ProjectSession.h"
#include "canvas/GraphModel.h"
#include "document/ProjectDocument.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using layerlab::app::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void opensSampleProject() {
        MainWindow window;
        window.show();
        QSignalSpy shown(&window, &MainWindow::projectShown);
        window.openProject(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");
        QVERIFY(shown.wait(10000));
        QVERIFY(window.windowTitle().contains("O2 two noisy bases"));
        const auto* graph = window.session()->document()->graph();
        QCOMPARE(graph->nodes().size(), std::size_t(2)); // dense 32 + relu, then the output
        QCOMPARE(graph->nodes()[0].units, 32);
    }
    void corruptProjectShowsErrorAndKeepsWindow() {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.layerlab");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"layerlab.project\",\n  \"version\": }");
        f.close();
        MainWindow window;
        window.show();
        auto* bar = window.findChild<layerlab::widgets::MessageBar*>();
        QVERIFY(bar);
        window.openProject(path);
        QTRY_VERIFY_WITH_TIMEOUT(!bar->text().isEmpty(), 10000);
        QVERIFY2(bar->text().contains(path + ":2:"), qPrintable(bar->text()));
        QVERIFY(window.isVisible());
        // The window still works: a good project opens after the bad one.
        QSignalSpy shown(&window, &MainWindow::projectShown);
        window.openProject(LAYERLAB_SOURCE_DIR "/samples/o1-alternating/alternating.layerlab");
        QVERIFY(shown.wait(10000));
        QVERIFY(bar->text().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
