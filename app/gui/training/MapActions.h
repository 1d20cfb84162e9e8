// The Map tab's feature: which two numeric columns span the decision map (the first two numeric
// inputs by default), their ranges on the training rows, the grid's resolution, and the picture.
// Threading: GUI thread.
#pragma once

#include <QObject>

namespace layerlab::widgets {
class MessageBar;
}
namespace layerlab::widgets::views {
class DecisionMapView;
}

namespace layerlab::app::training {

class LiveInspector;
class ProjectScope;
class TrainingController;

class MapActions : public QObject {
    Q_OBJECT
public:
    MapActions(TrainingController* controller, LiveInspector* inspector, ProjectScope* scope, widgets::views::DecisionMapView* map,
               widgets::MessageBar* messages, QObject* parent = nullptr);
    /// The run's data is prepared: offer its numeric columns.
    void experimentReady();
    /// The run was reset, or the project changed: no columns, no picture.
    void clear();

Q_SIGNALS:
    /// The axes changed (the caller re-decides which jobs run).
    void axesChanged();

private:
    void chooseAxes();
    void showMap();

    TrainingController* m_controller;
    LiveInspector* m_inspector;
    widgets::views::DecisionMapView* m_map;
    widgets::MessageBar* m_messages;
};

} // namespace layerlab::app::training
