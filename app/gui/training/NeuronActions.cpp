#include "NeuronActions.h"

#include "LiveInspector.h"
#include "ProjectScope.h"
#include "canvas/NetworkScene.h"
#include "views/NeuronView.h"

namespace layerlab::app::training {

NeuronActions::NeuronActions(LiveInspector* inspector, ProjectScope* scope, widgets::canvas::NetworkScene* scene,
                             widgets::views::NeuronView* view, QObject* parent)
    : QObject(parent), m_inspector(inspector), m_scene(scene), m_view(view) {
    connect(m_scene, &widgets::canvas::NetworkScene::neuronChosen, this, [this](int layer, int) {
        refresh();
        if (layer >= 0) Q_EMIT shown();
    });
    connect(m_scene, &widgets::canvas::NetworkScene::chosenNeuronRedrawn, this, &NeuronActions::refresh);
    // Queued behind the canvas's own handlers of the same signals, so the scene holds the new values.
    connect(m_inspector, &LiveInspector::activityReady, this, &NeuronActions::refresh, Qt::QueuedConnection);
    connect(m_inspector, &LiveInspector::mapReady, this, &NeuronActions::refresh, Qt::QueuedConnection);
    // Another project: its neurons are other neurons.
    connect(scope, &ProjectScope::projectChanged, this, [this] { m_scene->chooseNeuron(-1, -1); });
}

void NeuronActions::refresh() {
    auto detail = m_scene->describeNeuron();
    if (const auto map = m_inspector->map(); map && !detail.map.isNull())
        detail.mapAxes = tr("%1 across and %2 up").arg(QString::fromStdString(map->axes.x), QString::fromStdString(map->axes.y));
    m_view->setDetail(std::move(detail));
}

} // namespace layerlab::app::training
