#include "RunStatus.h"

#include "TrainingController.h"

#include <QLabel>
#include <QLocale>

#include <cmath>

namespace layerlab::app::training {

using State = TrainingController::State;

namespace {

QString clock(double seconds) {
    const auto s = qint64(seconds);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

RunStatus::RunStatus(TrainingController* controller, QLabel* label, QObject* parent)
    : QObject(parent), m_controller(controller), m_label(label) {}

void RunStatus::show() {
    const State s = m_controller->state();
    QString text;
    if (s == State::Preparing) text = tr("Preparing the data…");
    else if (s != State::Idle)
        text = tr("epoch %1 · step %2 · %3 samples/s · %4")
                   .arg(m_controller->epoch(), 0, 'f', 1)
                   .arg(m_controller->stepsDone())
                   .arg(QLocale().toString(qint64(std::lround(m_controller->samplesPerSecond()))))
                   .arg(clock(m_controller->elapsedSeconds()));
    if (s == State::Paused) text += tr(" · paused");
    if (m_controller->isRestored()) text = tr("the run kept in the project, %1 epochs").arg(m_controller->history().epochs.size());
    if ((s == State::Finished || s == State::Stopped || s == State::Failed) && !m_controller->outcome().isEmpty())
        text += QStringLiteral(" · ") + m_controller->outcome();
    // While running, a new status text four times a second is plenty (each one relays out the bar).
    if (s == State::Running && m_clock.isValid() && m_clock.elapsed() < 250) return;
    m_clock.start();
    m_label->setText(text);
}

} // namespace layerlab::app::training
