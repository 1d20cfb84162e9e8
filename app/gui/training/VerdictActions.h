// The Judge tab's feature: the engine's judgement of the model on the validation (or test) rows,
// the worst rows with their lines, and the run's diagnosis (overfitting) beside the verdict.
// Threading: GUI thread.
#pragma once

#include <QObject>

namespace layerlab::widgets::views {
class JudgeView;
}

namespace layerlab::app::training {

class LiveInspector;
class ProjectScope;
class TrainingController;

class VerdictActions : public QObject {
    Q_OBJECT
public:
    VerdictActions(TrainingController* controller, LiveInspector* inspector, ProjectScope* scope, widgets::views::JudgeView* judge,
                   QObject* parent = nullptr);
    void clear();

Q_SIGNALS:
    /// A worst row was clicked: show it on the canvas.
    void rowChosen(std::size_t tableRow);

private:
    void showVerdict();

    TrainingController* m_controller;
    LiveInspector* m_inspector;
    widgets::views::JudgeView* m_judge;
};

} // namespace layerlab::app::training
