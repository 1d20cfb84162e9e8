#include "MainWindow.h"

#include "MessageBar.h"
#include "NetworkSummaryView.h"
#include "ProjectLoader.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

namespace layerlab::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_loader(new ProjectLoader(this)), m_messages(new widgets::MessageBar),
      m_network(new widgets::NetworkSummaryView) {
    setWindowTitle(tr("LayerLab"));
    resize(1100, 700);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messages);
    auto* placeholder = new QLabel(tr("Drawing networks on a canvas is not available yet.\n"
                                      "The layers of the open project are listed on the left (File › Open Project…)."));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setEnabled(false);
    layout->addWidget(placeholder, 1);
    setCentralWidget(central);

    auto* dock = new QDockWidget(tr("Network"), this);
    dock->setObjectName(QStringLiteral("networkDock"));
    dock->setWidget(m_network);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Project…"), QKeySequence::Open, this, &MainWindow::chooseProject);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    connect(m_loader, &ProjectLoader::loaded, this, &MainWindow::showProject);
    connect(m_loader, &ProjectLoader::failed, this, [this](const QString& message) {
        statusBar()->clearMessage();
        m_messages->showMessage(widgets::MessageBar::Kind::Error, message);
    });
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::openProject(const QString& path) {
    statusBar()->showMessage(tr("Loading %1…").arg(path));
    m_loader->load(path);
}

void MainWindow::chooseProject() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), tr("LayerLab projects (*.layerlab)"));
    if (!path.isEmpty()) openProject(path);
}

void MainWindow::showProject(const QString& path) {
    const auto& project = m_loader->project();
    const QString name = project.name.empty() ? QFileInfo(path).completeBaseName() : QString::fromStdString(project.name);
    setWindowTitle(tr("%1 — LayerLab").arg(name));
    m_network->setSpec(project.network);
    m_messages->hide();
    statusBar()->showMessage(tr("Project %1: data %2, target %3")
                                 .arg(name, QString::fromStdString(project.data.path), QString::fromStdString(project.data.target)));
    Q_EMIT projectShown(path);
}

} // namespace layerlab::app
