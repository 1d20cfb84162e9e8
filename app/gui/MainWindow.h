// The workbench window. It only composes: it creates the views and docks and wires their
// signals; each feature lives in its own class (ProjectLoader, NetworkSummaryView, MessageBar).
#pragma once

#include <QMainWindow>

namespace layerlab::widgets {
class MessageBar;
class NetworkSummaryView;
} // namespace layerlab::widgets

namespace layerlab::app {

class ProjectLoader;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    /// Starts loading a project in the background; the window stays responsive meanwhile.
    void openProject(const QString& path);

Q_SIGNALS:
    void projectShown(const QString& path);

private:
    void showProject(const QString& path);
    void chooseProject();

    ProjectLoader* m_loader;
    widgets::MessageBar* m_messages;
    widgets::NetworkSummaryView* m_network;
};

} // namespace layerlab::app
