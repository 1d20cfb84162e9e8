#include "FileActions.h"

#include "MessageBar.h"
#include "ProjectSession.h"
#include "RecentFiles.h"
#include "SampleProjects.h"
#include "document/ProjectDocument.h"

#include <QAction>
#include <QDir>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>

namespace layerlab::app {

FileActions::FileActions(QMainWindow* window, ProjectSession* session, RecentFiles* recent, widgets::MessageBar* messages)
    : QObject(window), m_window(window), m_session(session), m_recent(recent), m_messages(messages) {
    connect(m_recent, &RecentFiles::changed, this, &FileActions::fillRecent);
    connect(m_session, &ProjectSession::opened, m_recent, &RecentFiles::add);
}

void FileActions::populate(QMenu* menu) {
    auto add = [&](const QString& text, const QKeySequence& keys, const QString& tip, auto slot) {
        QAction* a = menu->addAction(text, keys, this, slot);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        return a;
    };
    add(tr("&New Project from CSV…"), QKeySequence::New, tr("Start a project on a data file"), &FileActions::newFromCsv);
    add(tr("&Open Project…"), QKeySequence::Open, tr("Open a .layerlab project"), &FileActions::chooseProject);
    m_recentMenu = menu->addMenu(tr("Open &Recent"));
    fillRecent();
    menu->addSeparator();
    m_save = add(tr("&Save"), QKeySequence::Save, tr("Save the project"), &FileActions::save);
    add(tr("Save &As…"), QKeySequence::SaveAs, tr("Save the project under a new name"), &FileActions::saveAs);
    menu->addSeparator();
    add(tr("Choose &Data File…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), tr("Use another CSV for this project"),
        &FileActions::chooseDataFile);
    menu->addSeparator();
    add(tr("&Quit"), QKeySequence::Quit, tr("Quit LayerLab"), [this] { m_window->close(); });
}

void FileActions::fillRecent() {
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    const QStringList paths = m_recent->paths();
    for (const QString& p : paths) m_recentMenu->addAction(QFileInfo(p).fileName(), this, [this, p] { open(p); })->setToolTip(p);
    m_recentMenu->setEnabled(!paths.isEmpty());
}

bool FileActions::maybeSave() {
    auto* doc = m_session->document();
    if (!doc->isModified()) return true;
    const auto answer = QMessageBox::question(m_window, tr("Unsaved changes"),
                                              tr("Save the changes to %1?").arg(doc->displayName()),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

// Load first, then ask: the new file is read in the background and only once it has loaded is the
// user asked about unsaved changes; a file that fails to load leaves the current project as it was.
void FileActions::newFromCsv() {
    const QString path = QFileDialog::getOpenFileName(m_window, tr("New Project from CSV"), QString(),
                                                      tr("Data files (*.csv *.tsv *.txt *.csv.gz);;All files (*)"));
    if (!path.isEmpty()) m_session->newFromCsv(path, [this] { return maybeSave(); });
}

void FileActions::chooseProject() {
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Project"), QString(), tr("LayerLab projects (*.layerlab)"));
    if (!path.isEmpty()) open(path);
}

void FileActions::open(const QString& path) { m_session->open(path, [this] { return maybeSave(); }); }

bool FileActions::save() {
    auto* doc = m_session->document();
    if (doc->path().isEmpty()) return saveAs();
    QString error;
    if (!doc->save(doc->path(), &error)) {
        m_messages->showMessage(widgets::MessageBar::Kind::Error, error);
        return false;
    }
    m_recent->add(doc->path());
    return true;
}

bool FileActions::saveAs() {
    auto* doc = m_session->document();
    QString suggestion = doc->path();
    const bool sample = QFileInfo(doc->dataPath()).absolutePath().startsWith(QFileInfo(SampleProjects::folder()).absoluteFilePath());
    if (suggestion.isEmpty() && sample) {
        // Never into the install folder: a copy of a sample goes home.
        suggestion = QDir::homePath() + QLatin1Char('/') + QString::fromStdString(doc->state().name).replace(QLatin1Char('/'), QLatin1Char('-')) +
                     QStringLiteral(".layerlab");
    } else if (suggestion.isEmpty()) {
        const QFileInfo data(doc->dataPath());
        suggestion = data.absolutePath() + QLatin1Char('/') + data.completeBaseName() + QStringLiteral(".layerlab");
    }
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save Project As"), suggestion, tr("LayerLab projects (*.layerlab)"));
    if (path.isEmpty()) return false;
    if (!path.endsWith(QLatin1String(".layerlab"))) path += QStringLiteral(".layerlab");
    QString error;
    if (!doc->save(path, &error)) {
        m_messages->showMessage(widgets::MessageBar::Kind::Error, error);
        return false;
    }
    m_recent->add(path);
    return true;
}

void FileActions::chooseDataFile() {
    auto* doc = m_session->document();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Choose Data File"), QFileInfo(doc->dataPath()).absolutePath(),
                                                      tr("Data files (*.csv *.tsv *.txt *.csv.gz);;All files (*)"));
    if (path.isEmpty()) return;
    auto state = doc->state();
    state.data.path = QFileInfo(path).absoluteFilePath().toStdString();
    doc->edit(state, tr("data file"));
}

} // namespace layerlab::app
