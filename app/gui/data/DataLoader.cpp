#include "DataLoader.h"

#include "core/Error.h"

#include <QtConcurrent/QtConcurrentRun>

namespace layerlab::app::data {

using namespace layerlab::engine;

DataLoader::DataLoader(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<Result>::progressValueChanged, this, &DataLoader::progress);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        if (m_watcher.future().resultCount() == 0) return;
        const Result r = m_watcher.result();
        if (const auto* t = std::get_if<TablePtr>(&r)) Q_EMIT loaded(m_path, *t);
        else if (const auto* e = std::get_if<QString>(&r)) Q_EMIT failed(*e);
        else Q_EMIT cancelled();
    });
}

DataLoader::~DataLoader() {
    cancel();
    wait();
}

void DataLoader::start(const QString& path, const engine::data::CsvOptions& options) {
    cancel(); // a new file replaces a load still running
    m_path = path;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto stop = m_cancel;
    m_watcher.setFuture(QtConcurrent::run([path, options, stop](QPromise<Result>& promise) {
        promise.setProgressRange(0, 100);
        try {
            auto table = std::make_shared<engine::data::Table>(engine::data::CsvReader::readFile(
                path.toStdString(), options, [&](std::uint64_t done, std::uint64_t total) {
                    if (total > 0) promise.setProgressValue(static_cast<int>(100 * done / total));
                    return !stop->load();
                }));
            promise.addResult(Result(TablePtr(std::move(table))));
        } catch (const Cancelled&) {
            promise.addResult(Result(std::monostate{}));
        } catch (const Error& e) {
            promise.addResult(Result(QString::fromStdString(e.what())));
        } catch (const std::bad_alloc&) {
            promise.addResult(Result(QObject::tr("%1: not enough memory to load this file").arg(path)));
        }
    }));
}

void DataLoader::cancel() {
    if (m_cancel) m_cancel->store(true);
}

void DataLoader::wait() { m_watcher.waitForFinished(); }

} // namespace layerlab::app::data
