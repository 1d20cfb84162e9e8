// The open project: its settings, its network (as the engine's NetworkSpec: the canvas's
// GraphModel is a view of it, owned by the session) and the one undo stack every edit goes
// through. Knows its file, whether it is modified (the undo stack's clean state), and saves
// atomically (QSaveFile) in the same JSON format layerlab-cli runs.
// Threading: GUI thread only; snapshot() gives a self-contained copy for worker threads.
#pragma once

#include "ProjectState.h"
#include "project/Project.h"

#include <QObject>
#include <QString>

class QUndoStack;

namespace layerlab::app::document {

class ProjectDocument : public QObject {
    Q_OBJECT
public:
    explicit ProjectDocument(QObject* parent = nullptr);

    QUndoStack* undoStack() const { return m_undo; }
    /// The network as it stands. The canvas edits it through its own model on the same undo
    /// stack and writes each result back with setNetwork().
    const engine::nn::NetworkSpec& network() const { return m_network; }
    /// Not an undo step of its own (the edit that produced it is one); emits networkChanged().
    void setNetwork(engine::nn::NetworkSpec network);

    /// Replaces everything with `project` (opened from `path`, or new when empty); clears undo.
    void reset(const engine::project::Project& project, const QString& path);
    /// A new untitled project reading `csvPath`, with a small default network.
    void resetFromData(const QString& csvPath);
    /// Forgets the file it came from: an untitled copy (a shipped sample), unmodified until edited.
    void detach();

    /// After reset() with a recovered project: it is unsaved work, so it counts as modified.
    void markUnsaved();

    /// The full project as it stands, data path as stored.
    engine::project::Project snapshot() const;
    /// The data file, resolved to an absolute path.
    QString dataPath() const;
    const ProjectState& state() const { return m_state; }
    /// Used by ProjectEditCommand; emits stateChanged().
    void setState(const ProjectState& state);
    /// Pushes an undoable edit of the settings.
    void edit(const ProjectState& after, const QString& field);
    /// The last run kept with the project (model + curves); setting it marks the project modified
    /// (not undoable: a run is a result, not an edit).
    const std::optional<engine::train::RunRecord>& run() const { return m_run; }
    void setRun(std::optional<engine::train::RunRecord> run);

    QString path() const { return m_path; }
    /// File name for the title bar ("Untitled" before the first save).
    QString displayName() const;
    bool isModified() const;

    /// Atomic save to `path` (data path rewritten relative to it); returns false with `error` set.
    bool save(const QString& path, QString* error);
    /// The project as JSON text (what save writes; also what autosave writes).
    QByteArray toJsonText() const;

Q_SIGNALS:
    void stateChanged();
    void pathChanged(const QString& path);
    void modifiedChanged(bool modified);
    /// reset() happened: views re-read everything, the data may need loading.
    void replaced();
    /// setRun() happened (a run kept or dropped); replaced() covers a whole new project.
    void runChanged();
    /// setNetwork() happened (an edit on the canvas, its undo or redo).
    void networkChanged();

private:
    engine::nn::NetworkSpec m_network;
    QUndoStack* m_undo;
    ProjectState m_state;
    std::optional<engine::train::RunRecord> m_run;
    QString m_path;
    bool m_untitledDirty = false; // modified outside the undo stack (never saved, recovered, a new run)
};

} // namespace layerlab::app::document
