// Autosave and crash recovery. While a project has unsaved changes, its JSON is written every
// interval (a minute by default) to a per-session recovery file, atomically. A clean close or a
// save removes it, so files found at start-up belong to sessions that died: orphans() lists them
// (skipping ones a running LayerLab still holds, by QLockFile) and restore() reads one back.
// Threading: GUI thread only.
#pragma once

#include "project/Project.h"

#include <QDateTime>
#include <QList>
#include <QLockFile>
#include <QObject>
#include <QTimer>

#include <memory>

namespace layerlab::app::document {

class ProjectDocument;

class RecoveryStore : public QObject {
    Q_OBJECT
public:
    struct Entry {
        QString file;       ///< the recovery file
        QString original;   ///< the project it came from ("" = untitled)
        QDateTime saved;
    };
    /// `dir` empty = the application data folder's "recovery".
    explicit RecoveryStore(const QString& dir = {}, QObject* parent = nullptr);
    ~RecoveryStore() override;

    /// Autosaves `doc` every `intervalMs` while it is modified; removes the file once it is saved.
    void attach(ProjectDocument* doc, int intervalMs = 60'000);
    /// Writes now (when modified). Returns false with `error` on a write failure.
    bool autosaveNow(QString* error = nullptr);
    /// Removes this session's file (clean close, or after a save).
    void discard();
    QString sessionFile() const { return m_file; }

    QList<Entry> orphans() const;
    /// The project saved in `entry`; throws engine::Error naming the file when it is unreadable.
    static engine::project::Project restore(const Entry& entry);
    static void remove(const Entry& entry);

Q_SIGNALS:
    /// Autosave could not write; the message names the file.
    void failed(const QString& message);

private:
    QString m_dir;
    QString m_file;
    std::unique_ptr<QLockFile> m_lock;
    ProjectDocument* m_doc = nullptr;
    QTimer m_timer;
};

} // namespace layerlab::app::document
