#include "VisibleJobs.h"

#include "LiveInspector.h"
#include "TrainingController.h"
#include "views/DecisionMapView.h"

#include <QTabWidget>

namespace layerlab::app::training {

VisibleJobs::VisibleJobs(TrainingController* controller, LiveInspector* inspector, Tabs tabs, QObject* parent)
    : QObject(parent), m_controller(controller), m_inspector(inspector), m_t(tabs) {
    connect(m_t.tabs, &QTabWidget::currentChanged, this, &VisibleJobs::update);
}

void VisibleJobs::update() {
    const bool active = m_controller->state() != TrainingController::State::Idle;
    QWidget* tab = m_t.tabs->currentWidget();
    const bool design = m_t.tabs->currentIndex() == 0;
    m_inspector->setWanted(LiveInspector::Job::Activity, active && (design || tab == m_t.inside));
    m_inspector->setWanted(LiveInspector::Job::Map, active && (tab == m_t.map || (design && m_t.map->neuronMaps())));
    m_inspector->setWanted(LiveInspector::Job::Verdict, active && tab == m_t.judge);
}

void VisibleJobs::showDesign() { m_t.tabs->setCurrentIndex(0); }

} // namespace layerlab::app::training
