#include "MapActions.h"

#include "LiveInspector.h"
#include "MessageBar.h"
#include "ProjectScope.h"
#include "TrainingController.h"
#include "model/DecisionMap.h"
#include "train/Experiment.h"
#include "views/DecisionMapView.h"

#include <algorithm>
#include <cmath>

namespace layerlab::app::training {

using namespace layerlab::engine;

MapActions::MapActions(TrainingController* controller, LiveInspector* inspector, ProjectScope* scope,
                       widgets::views::DecisionMapView* map, widgets::MessageBar* messages, QObject* parent)
    : QObject(parent), m_controller(controller), m_inspector(inspector), m_map(map), m_messages(messages) {
    connect(m_map, &widgets::views::DecisionMapView::axesChosen, this, &MapActions::chooseAxes);
    connect(m_inspector, &LiveInspector::mapReady, this, &MapActions::showMap);
    connect(scope, &ProjectScope::projectChanged, this, &MapActions::clear);
}

void MapActions::clear() { m_map->clear(); }

void MapActions::experimentReady() {
    const auto e = m_controller->experiment();
    if (!e) return;
    const auto& table = e->table();
    // Map axes: numeric columns; the first two numeric inputs by default.
    QStringList numeric;
    for (std::size_t c = 0; c < table.columnCount(); ++c)
        if (table.column(c).isNumeric() && table.column(c).size() > 0) numeric << QString::fromStdString(table.column(c).name);
    QStringList inputs;
    for (const auto& name : e->preprocessing().inputs())
        if (numeric.contains(QString::fromStdString(name))) inputs << QString::fromStdString(name);
    for (const auto& n : numeric)
        if (!inputs.contains(n)) inputs << n;
    m_map->clear();
    // A sequence model reads many rows (or characters) per prediction: no two-axis map of one row.
    if (inputs.size() >= 2 && e->preprocessing().steps() == 1) {
        m_map->setColumns(numeric, inputs[0], inputs[1], int(table.rowCount()));
        chooseAxes();
    }
}

void MapActions::chooseAxes() {
    const auto e = m_controller->experiment();
    if (!e || m_map->xColumn().isEmpty() || m_map->yColumn().isEmpty()) return;
    model::MapAxes axes;
    axes.x = m_map->xColumn().toStdString();
    axes.y = m_map->yColumn().toStdString();
    const auto& rows = e->split().train;
    try {
        std::tie(axes.xMin, axes.xMax) = model::DecisionMap::range(e->table(), axes.x, rows);
        std::tie(axes.yMin, axes.yMax) = model::DecisionMap::range(e->table(), axes.y, rows);
    } catch (const std::exception& ex) {
        m_messages->showMessage(widgets::MessageBar::Kind::Error, QString::fromUtf8(ex.what()));
        return;
    }
    // Finer grids for cheaper networks: a grid costs cells × parameters.
    const double params = std::max(1.0, double(m_controller->parameters() ? m_controller->parameters()->values.size() : 1000));
    axes.resolution = std::clamp(int(std::sqrt(2e8 / params)), 16, 64);
    axes.referenceRow = std::size_t(std::max(0, m_map->referenceRow()));
    m_inspector->setMapAxes(axes, m_map->neuronMaps());
    Q_EMIT axesChanged();
}

void MapActions::showMap() {
    const auto m = m_inspector->map();
    if (!m) return;
    m_map->setImage(m->image, m->axes.xMin, m->axes.xMax, m->axes.yMin, m->axes.yMax, m->legend);
}

} // namespace layerlab::app::training
