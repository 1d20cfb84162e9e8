#include "RecoveryStore.h"

#include "ProjectDocument.h"
#include "core/Error.h"
#include "core/Json.h"
#include "core/JsonWriter.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace layerlab::app::document {

using namespace layerlab::engine;

namespace {
constexpr const char* kSuffix = ".recovery";
}

RecoveryStore::RecoveryStore(const QString& dir, QObject* parent) : QObject(parent) {
    m_dir = dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery") : dir;
    QDir().mkpath(m_dir);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_file = m_dir + QLatin1Char('/') + id + QLatin1String(kSuffix);
    m_lock = std::make_unique<QLockFile>(m_file + QStringLiteral(".lock"));
    m_lock->setStaleLockTime(0);
    m_lock->tryLock(0);
    connect(&m_timer, &QTimer::timeout, this, [this] { autosaveNow(); });
}

RecoveryStore::~RecoveryStore() {
    // Leaving normally: the file is only needed after a crash. (A save already removed it; an
    // unsaved project the user chose to discard should not come back either.)
    discard();
}

void RecoveryStore::attach(ProjectDocument* doc, int intervalMs) {
    m_doc = doc;
    m_timer.start(intervalMs);
    connect(doc, &ProjectDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified) discard();
    });
}

bool RecoveryStore::autosaveNow(QString* error) {
    if (!m_doc || !m_doc->isModified()) return true;
    QSaveFile file(m_file);
    bool ok = file.open(QIODevice::WriteOnly);
    if (ok) {
        // Written piece by piece: a kept run of a wide file was a tree, its text and a parsed
        // copy of it at once on every autosave.
        JsonWriter out([&](std::string_view piece) { file.write(piece.data(), qint64(piece.size())); }, 1);
        out.beginObject();
        out.member("format", Json("layerlab.recovery"));
        out.member("original", Json(m_doc->path().toStdString()));
        m_doc->snapshot().write(out, "project");
        out.end();
        ok = file.commit();
    }
    if (!ok) {
        const QString message = tr("Autosave failed: cannot write %1 (%2)").arg(m_file, file.errorString());
        if (error) *error = message;
        Q_EMIT failed(message);
    }
    return ok;
}

void RecoveryStore::discard() { QFile::remove(m_file); }

QList<RecoveryStore::Entry> RecoveryStore::orphans() const {
    QList<Entry> out;
    const QDir dir(m_dir);
    for (const QFileInfo& info : dir.entryInfoList({QStringLiteral("*") + QLatin1String(kSuffix)}, QDir::Files, QDir::Time)) {
        if (info.absoluteFilePath() == QFileInfo(m_file).absoluteFilePath()) continue;
        QLockFile lock(info.absoluteFilePath() + QStringLiteral(".lock"));
        if (!lock.tryLock(0)) continue; // a running LayerLab owns it
        lock.unlock();
        Entry e{info.absoluteFilePath(), QString(), info.lastModified()};
        try {
            QFile f(e.file);
            if (f.open(QIODevice::ReadOnly)) {
                const Json j = Json::parse(f.readAll().toStdString(), e.file.toStdString());
                if (const Json* o = j.find("original")) e.original = QString::fromStdString(o->asString("original"));
            }
        } catch (const Error&) {
            // Listed anyway: restore() will say what is wrong with it.
        }
        out.push_back(e);
    }
    return out;
}

project::Project RecoveryStore::restore(const Entry& entry) {
    QFile f(entry.file);
    if (!f.open(QIODevice::ReadOnly)) throw FileError(entry.file.toStdString(), 0, 0, "cannot read the recovery file");
    const Json j = Json::parse(f.readAll().toStdString(), entry.file.toStdString());
    project::Project p = project::Project::fromJson(j.at("project"), entry.file.toStdString());
    p.file = entry.original.toStdString();
    return p;
}

void RecoveryStore::remove(const Entry& entry) {
    QFile::remove(entry.file);
    QFile::remove(entry.file + QStringLiteral(".lock"));
}

} // namespace layerlab::app::document
