// The training toolbar: Train, Pause/Resume, Step (one batch; with Shift, one epoch), Stop, Reset,
// and the sample whose activations the canvas shows. Only says what the user asked for; the app
// decides. setMode() enables what makes sense in each state.
// Threading: GUI thread.
#pragma once

#include <QToolBar>

#include <vector>

class QAction;
class QComboBox;
class QSpinBox;

namespace layerlab::widgets::panels {

class TrainingBar : public QToolBar {
    Q_OBJECT
public:
    enum class Mode { Idle, Preparing, Running, Paused, Stopped, Finished };
    explicit TrainingBar(QWidget* parent = nullptr);
    void setMode(Mode mode);
    /// Disables Train with a reason (design errors, no data); empty = allowed.
    void setBlocked(const QString& reason);
    /// Stopped: whether Train continues the run ("Continue") or, the design having changed since,
    /// starts a new one ("Train anew", and the tooltip says why).
    void setContinues(bool continues);
    void setSampleRange(int rows);
    void setSample(int row);
    int sample() const;
    /// The speed control: epochs a second (0 = full speed). setPace picks the nearest choice.
    static const std::vector<double>& paces();
    void setPace(double epochsPerSecond);
    double pace() const;

    QAction* trainAction() const { return m_train; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* stopAction() const { return m_stop; }
    QAction* resetAction() const { return m_reset; }

Q_SIGNALS:
    void trainRequested();
    void pauseRequested(bool pause);
    void stepRequested(bool wholeEpoch);
    void stopRequested();
    void resetRequested();
    void sampleChosen(int row);
    void randomSampleRequested();
    void paceChosen(double epochsPerSecond);

private:
    void refresh();
    void styleIcons();
    QColor iconColor() const;

    QAction* m_train;
    QAction* m_pause;
    QAction* m_step;
    QAction* m_stop;
    QAction* m_reset;
    QSpinBox* m_sample;
    QComboBox* m_pace;
    Mode m_mode = Mode::Idle;
    QString m_blocked;
    bool m_continues = true;
};

} // namespace layerlab::widgets::panels
