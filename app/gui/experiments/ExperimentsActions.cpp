#include "ExperimentsActions.h"

#include "ProjectSession.h"
#include "SweepController.h"
#include "document/ProjectDocument.h"
#include "views/ExperimentsView.h"

#include "project/Project.h"
#include "train/Evaluation.h"
#include "train/Metrics.h"

#include <cmath>

namespace layerlab::app::experiments {

using namespace layerlab::engine;
using State = train::TrialQueue::State;

QStringList ExperimentsActions::parameterNames() {
    QStringList names;
    for (const auto p : train::kSweepParameters) {
        switch (p) {
        case train::SweepParameter::LearningRate: names << tr("Learning rate (lr)"); break;
        case train::SweepParameter::BatchSize: names << tr("Batch size (batch)"); break;
        case train::SweepParameter::Seed: names << tr("Seed (seed)"); break;
        case train::SweepParameter::L2: names << tr("L2 (l2)"); break;
        case train::SweepParameter::Optimizer: names << tr("Optimizer (optimizer)"); break;
        case train::SweepParameter::Epochs: names << tr("Epochs (epochs)"); break;
        }
    }
    return names;
}

ExperimentsActions::ExperimentsActions(ProjectSession* session, widgets::views::ExperimentsView* view, QObject* parent)
    : QObject(parent), m_session(session), m_view(view), m_controller(new SweepController(this)) {
    connect(m_view, &widgets::views::ExperimentsView::startRequested, this, [this](int parameter, const QString& values, int parallel) {
        if (parameter < 0 || parameter >= int(std::size(train::kSweepParameters))) return;
        train::ExperimentConfig base;
        try {
            base = project::experimentConfig(m_session->document()->snapshot());
        } catch (const std::exception& e) {
            m_view->setMessage(QString::fromStdString(e.what()));
            return;
        }
        const QString why = m_controller->start(base, train::kSweepParameters[parameter], values, parallel);
        if (why.isEmpty()) m_view->setMetricName(QString::fromStdString(std::string(train::metricName(base.settings.loss))));
        m_view->setMessage(why.isEmpty() ? tr("Each trial is the project's run with one setting changed; the others wait their turn.") : why);
    });
    connect(m_view, &widgets::views::ExperimentsView::killRequested, m_controller, &SweepController::kill);
    connect(m_view, &widgets::views::ExperimentsView::pauseToggled, m_controller, &SweepController::setPaused);
    connect(m_controller, &SweepController::updated, this, &ExperimentsActions::show);
    connect(m_controller, &SweepController::finished, this, [this] {
        const int best = m_controller->best();
        m_view->setMessage(best < 0 ? tr("The sweep ended; no trial finished with validation rows.")
                                    : tr("The sweep ended; the best validation loss is %1's.").arg(m_controller->labels()[best]));
    });
}

void ExperimentsActions::show() {
    const auto& trials = m_controller->trials();
    const int best = m_controller->best();
    std::vector<widgets::views::TrialSummary> tiles;
    std::vector<QStringList> rows;
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const auto& t = trials[i];
        widgets::views::TrialSummary s;
        s.label = m_controller->labels()[int(i)];
        s.best = int(i) == best;
        for (const auto& e : t.epochs) {
            s.train.push_back(e.trainLoss);
            s.val.push_back(e.valLoss);
        }
        switch (t.state) {
        case State::Queued: s.state = tr("queued"); break;
        case State::Running: s.state = tr("epoch %1").arg(t.epochs.size() + 1); break;
        case State::Finished: s.state = tr("finished"); break;
        case State::Killed: s.state = tr("killed at epoch %1").arg(t.epochs.size()); break;
        case State::Failed: s.state = tr("failed: %1").arg(QString::fromStdString(t.error)); break;
        }
        double bestLoss = NAN, metric = NAN;
        int bestEpoch = 0;
        for (const auto& e : t.epochs)
            if (std::isfinite(e.valLoss) && (!std::isfinite(bestLoss) || e.valLoss < bestLoss)) bestLoss = e.valLoss, bestEpoch = e.epoch, metric = e.valMetric;
        if (std::isfinite(bestLoss)) s.figures = tr("best val loss %1").arg(bestLoss, 0, 'g', 4);
        tiles.push_back(s);
        rows.push_back({s.label, s.state, QString::number(t.epochs.size()), bestEpoch ? QString::number(bestEpoch) : QString(),
                        std::isfinite(bestLoss) ? QString::number(bestLoss, 'g', 5) : QString(),
                        std::isfinite(metric) ? QString::number(metric, 'g', 4) : QString(), QString::number(t.seconds, 'g', 3)});
    }
    m_view->setTrials(tiles, rows, m_controller->isRunning());
}

} // namespace layerlab::app::experiments
