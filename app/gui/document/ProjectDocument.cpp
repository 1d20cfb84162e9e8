#include "ProjectDocument.h"

#include "ProjectEditCommand.h"
#include "core/JsonWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoStack>

namespace layerlab::app::document {

using namespace layerlab::engine;

ProjectDocument::ProjectDocument(QObject* parent)
    : QObject(parent), m_undo(new QUndoStack(this)) {
    connect(m_undo, &QUndoStack::cleanChanged, this, [this] { Q_EMIT modifiedChanged(isModified()); });
}

void ProjectDocument::reset(const project::Project& project, const QString& path) {
    m_path = path;
    m_state = {project.name, project.data, project.training};
    m_run = project.run;
    // Held absolute while open, so moving the project (Save As) never breaks it or its undo
    // history; save() writes it relative to the project file again.
    if (!project.data.path.empty()) {
        project::Project located = project;
        located.file = path.toStdString();
        m_state.data.path = QFileInfo(QString::fromStdString(located.resolvedDataPath())).absoluteFilePath().toStdString();
    }
    m_untitledDirty = false;
    m_network = project.network;
    m_undo->clear();
    Q_EMIT pathChanged(m_path);
    Q_EMIT replaced();
    Q_EMIT stateChanged();
    Q_EMIT modifiedChanged(isModified());
}

void ProjectDocument::resetFromData(const QString& csvPath) {
    project::Project p;
    p.name = QFileInfo(csvPath).completeBaseName().toStdString();
    p.data.path = QFileInfo(csvPath).absoluteFilePath().toStdString();
    p.network = nn::NetworkSpec::mlp(0, {16, 16}, nn::Activation::Relu, 0);
    reset(p, QString());
    markUnsaved(); // never saved: closing asks
}

void ProjectDocument::detach() {
    // Not modified: a sample only looked at and closed asks nothing. The first edit marks it, and
    // Save then asks where (there is no path).
    m_path.clear();
    Q_EMIT pathChanged(m_path);
}

void ProjectDocument::markUnsaved() {
    m_untitledDirty = true;
    Q_EMIT modifiedChanged(true);
}

project::Project ProjectDocument::snapshot() const {
    project::Project p;
    p.name = m_state.name;
    p.data = m_state.data;
    p.training = m_state.training;
    p.network = m_network;
    p.run = m_run;
    p.file = m_path.toStdString();
    return p;
}

QString ProjectDocument::dataPath() const { return QString::fromStdString(m_state.data.path); }

void ProjectDocument::setState(const ProjectState& state) {
    m_state = state;
    Q_EMIT stateChanged();
}

void ProjectDocument::setNetwork(nn::NetworkSpec network) {
    m_network = std::move(network);
    Q_EMIT networkChanged();
}

void ProjectDocument::setRun(std::optional<train::RunRecord> run) {
    m_run = std::move(run);
    markUnsaved();
    Q_EMIT runChanged();
}

void ProjectDocument::edit(const ProjectState& after, const QString& field) {
    m_undo->push(new ProjectEditCommand(this, after, field));
}

QString ProjectDocument::displayName() const {
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

bool ProjectDocument::isModified() const { return m_untitledDirty || !m_undo->isClean(); }

QByteArray ProjectDocument::toJsonText() const {
    QByteArray text;
    JsonWriter out([&](std::string_view piece) { text.append(piece.data(), qsizetype(piece.size())); }, 2);
    snapshot().write(out);
    return text;
}

bool ProjectDocument::save(const QString& path, QString* error) {
    // The data path is written relative to the project file, so a folder holding both can move;
    // a data file far away (three or more levels up) stays absolute.
    project::Project p = snapshot();
    if (!p.data.path.empty()) {
        const QString rel = QFileInfo(path).absoluteDir().relativeFilePath(dataPath());
        if (!rel.startsWith(QLatin1String("../../../"))) p.data.path = rel.toStdString();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    // Piece by piece: a kept run of a wide file is never one tree or one string (issue 18).
    JsonWriter out([&](std::string_view piece) { file.write(piece.data(), qint64(piece.size())); }, 2);
    p.write(out);
    if (!file.commit()) {
        if (error) *error = tr("Cannot save %1: %2").arg(path, file.errorString());
        return false;
    }
    m_untitledDirty = false;
    const bool moved = path != m_path;
    m_path = path;
    m_undo->setClean();
    if (moved) Q_EMIT pathChanged(m_path);
    Q_EMIT modifiedChanged(false);
    return true;
}

} // namespace layerlab::app::document
