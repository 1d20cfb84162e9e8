// Loads a project file off the GUI thread and reports back with a queued signal.
// Threading: load() is called on the GUI thread; the file is read and parsed on a pool thread;
// loaded()/failed() are emitted on the GUI thread.
#pragma once

#include "project/Project.h"

#include <QFutureWatcher>
#include <QObject>

#include <variant>

namespace layerlab::app {

class ProjectLoader : public QObject {
    Q_OBJECT
public:
    explicit ProjectLoader(QObject* parent = nullptr);
    void load(const QString& path);

Q_SIGNALS:
    void loaded(const QString& path);
    /// `message` names the file and, where known, the line and column.
    void failed(const QString& message);

public:
    /// The last successfully loaded project (valid after loaded()).
    const engine::project::Project& project() const { return m_project; }

private:
    using Result = std::variant<engine::project::Project, QString>;
    QFutureWatcher<Result> m_watcher;
    QString m_path;
    engine::project::Project m_project;
};

} // namespace layerlab::app
