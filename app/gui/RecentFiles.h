// The recently opened projects, newest first, kept in QSettings (at most 8, existing files only).
#pragma once

#include <QObject>
#include <QStringList>

namespace layerlab::app {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMax = 8;
    explicit RecentFiles(QObject* parent = nullptr);
    QStringList paths() const;
    void add(const QString& path);

Q_SIGNALS:
    void changed();
};

} // namespace layerlab::app
