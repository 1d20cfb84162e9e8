#include "ProjectEditCommand.h"

#include "ProjectDocument.h"

#include <QCoreApplication>

namespace layerlab::app::document {

ProjectEditCommand::ProjectEditCommand(ProjectDocument* doc, ProjectState after, const QString& field)
    : m_doc(doc), m_before(doc->state()), m_after(std::move(after)), m_field(field) {
    setText(QCoreApplication::translate("ProjectDocument", "Change %1").arg(field));
}

void ProjectEditCommand::redo() { m_doc->setState(m_after); }
void ProjectEditCommand::undo() { m_doc->setState(m_before); }

bool ProjectEditCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const ProjectEditCommand*>(other);
    if (o->m_field != m_field) return false;
    m_after = o->m_after;
    return true;
}

} // namespace layerlab::app::document
