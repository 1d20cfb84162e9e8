#include "ProjectScope.h"

#include "ProjectSession.h"
#include "document/ProjectDocument.h"

namespace layerlab::app::training {

ProjectScope::ProjectScope(ProjectSession* session, QObject* parent) : QObject(parent), m_session(session) {
    connect(session->document(), &document::ProjectDocument::replaced, this, &ProjectScope::change);
    connect(session, &ProjectSession::analysisChanged, this, &ProjectScope::analysed);
}

void ProjectScope::analysed() {
    // Settings edits re-analyse too; only another table or another target voids the views.
    const void* table = m_session->table().get();
    const QString target = QString::fromStdString(m_session->document()->state().data.target);
    if (table == m_table && target == m_target) return;
    change();
}

void ProjectScope::change() {
    m_table = m_session->table().get();
    m_target = QString::fromStdString(m_session->document()->state().data.target);
    ++m_generation;
    Q_EMIT projectChanged();
}

} // namespace layerlab::app::training
