#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace layerlab::app {

namespace {
const QString kKey = QStringLiteral("recentProjects");
}

RecentFiles::RecentFiles(QObject* parent) : QObject(parent) {}

QStringList RecentFiles::paths() const {
    QStringList out;
    for (const QString& p : QSettings().value(kKey).toStringList())
        if (QFileInfo::exists(p)) out << p;
    return out;
}

void RecentFiles::add(const QString& path) {
    QStringList list = QSettings().value(kKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMax) list.removeLast();
    QSettings().setValue(kKey, list);
    Q_EMIT changed();
}

} // namespace layerlab::app
