#include "ProjectLoader.h"

#include "core/Error.h"

#include <QtConcurrent/QtConcurrentRun>

namespace layerlab::app {

ProjectLoader::ProjectLoader(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        Result result = m_watcher.result();
        if (auto* p = std::get_if<engine::project::Project>(&result)) {
            m_project = std::move(*p);
            Q_EMIT loaded(m_path);
        } else {
            Q_EMIT failed(std::get<QString>(result));
        }
    });
}

void ProjectLoader::load(const QString& path) {
    m_path = path;
    m_watcher.setFuture(QtConcurrent::run([path]() -> Result {
        try {
            return engine::project::Project::load(path.toStdString());
        } catch (const engine::Error& e) {
            return QString::fromStdString(e.what());
        }
    }));
}

} // namespace layerlab::app
