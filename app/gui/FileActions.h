// The File menu's actions and their dialogs: new project from CSV, open, save, save as, recent
// projects, choose the data file, quit; and the "save changes?" question before anything would
// drop unsaved work. Errors go to the message bar, never a crash.
#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace layerlab::widgets {
class MessageBar;
}

namespace layerlab::app {

class ProjectSession;
class RecentFiles;

class FileActions : public QObject {
    Q_OBJECT
public:
    FileActions(QMainWindow* window, ProjectSession* session, RecentFiles* recent, widgets::MessageBar* messages);
    /// Fills the File menu.
    void populate(QMenu* menu);

    void newFromCsv();
    void chooseProject();
    void open(const QString& path);
    bool save();
    bool saveAs();
    void chooseDataFile();
    /// Asks to save when modified. Returns false when the user cancelled.
    bool maybeSave();

    QAction* saveAction() const { return m_save; }

private:
    void fillRecent();

    QMainWindow* m_window;
    ProjectSession* m_session;
    RecentFiles* m_recent;
    widgets::MessageBar* m_messages;
    QAction* m_save = nullptr;
    QMenu* m_recentMenu = nullptr;
};

} // namespace layerlab::app
