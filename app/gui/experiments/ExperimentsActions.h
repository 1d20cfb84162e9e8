// Wires the Experiments tab: a sweep the view asks for runs the project as it stands (its data,
// network and settings) with one setting varied, on a SweepController; its pulls become tiles and
// table rows. Lives in the app layer: the view knows nothing of the engine, the controller nothing
// of widgets.
// Threading: GUI thread only.
#pragma once

#include <QObject>

namespace layerlab::widgets::views {
class ExperimentsView;
}

namespace layerlab::app {
class ProjectSession;
}

namespace layerlab::app::experiments {

class SweepController;

class ExperimentsActions : public QObject {
    Q_OBJECT
public:
    ExperimentsActions(ProjectSession* session, widgets::views::ExperimentsView* view, QObject* parent = nullptr);
    SweepController* controller() const { return m_controller; }
    /// The view's parameter list, in engine::train::kSweepParameters order.
    static QStringList parameterNames();

private:
    void show();
    ProjectSession* m_session;
    widgets::views::ExperimentsView* m_view;
    SweepController* m_controller;
};

} // namespace layerlab::app::experiments
