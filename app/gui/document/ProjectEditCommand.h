// Undoable: an edit of the data or training settings (a panel's combo box, spin box, the derived
// columns editor). Consecutive edits of the same field merge, so a spin-box drag is one step.
#pragma once

#include "ProjectState.h"

#include <QUndoCommand>

namespace layerlab::app::document {

class ProjectDocument;

class ProjectEditCommand : public QUndoCommand {
public:
    ProjectEditCommand(ProjectDocument* doc, ProjectState after, const QString& field);
    void redo() override;
    void undo() override;
    int id() const override { return 2001; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    ProjectDocument* m_doc;
    ProjectState m_before;
    ProjectState m_after;
    QString m_field;
};

} // namespace layerlab::app::document
