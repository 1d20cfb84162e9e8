// Reads a CSV off the GUI thread, with progress and cancel.
// Threading: start()/cancel() on the GUI thread; the file is read on a pool thread; progress(),
// loaded(), failed() and cancelled() arrive on the GUI thread (progress at most every 1 MiB chunk).
#pragma once

#include "data/CsvReader.h"
#include "data/Table.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>
#include <variant>

namespace layerlab::app::data {

class DataLoader : public QObject {
    Q_OBJECT
public:
    using TablePtr = std::shared_ptr<const engine::data::Table>;
    explicit DataLoader(QObject* parent = nullptr);
    ~DataLoader() override;

    void start(const QString& path, const engine::data::CsvOptions& options);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    /// Blocks until the current load ends (tests, shutdown).
    void wait();

Q_SIGNALS:
    void progress(int percent);
    void loaded(const QString& path, std::shared_ptr<const engine::data::Table> table);
    void failed(const QString& message);
    void cancelled();

private:
    using Result = std::variant<TablePtr, QString, std::monostate>; // monostate = cancelled
    QFutureWatcher<Result> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QString m_path;
};

} // namespace layerlab::app::data
