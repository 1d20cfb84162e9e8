#include "SampleProjects.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace layerlab::app {

QString SampleProjects::folder() {
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/layerlab/samples");
    if (QFileInfo(installed).isDir()) return QFileInfo(installed).canonicalFilePath();
    return QStringLiteral(LAYERLAB_SAMPLES_DIR);
}

QList<widgets::panels::WelcomeView::Entry> SampleProjects::find() {
    QList<widgets::panels::WelcomeView::Entry> out;
    QDirIterator it(folder(), {QStringLiteral("*.layerlab")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QString title = QFileInfo(path).completeBaseName();
        if (f.open(QIODevice::ReadOnly)) {
            const QString name = QJsonDocument::fromJson(f.read(1 << 20)).object().value(QStringLiteral("name")).toString();
            if (!name.isEmpty()) title = name;
        }
        out.push_back({title, path});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.title < b.title; });
    return out;
}

} // namespace layerlab::app
