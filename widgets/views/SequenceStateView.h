// Inside a recurrent layer for one sample: its hidden state after every step as a heatmap (units
// down, steps across, both directions stacked), each step labelled by what it read (a character,
// or t-6 … t for a window), and below it the network's output after each step (one row per class:
// the probability it would give had the sequence ended there), for padded character inputs.
// Padded steps are greyed: the state only carries through them.
// Threading: GUI thread; the values come from an inspection job.
#pragma once

#include "core/Tensor.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;

namespace layerlab::widgets::views {

struct SequenceState {
    QString title;                 ///< "GRU 1 (16 units) on line 12: \"banana\""
    engine::Matrix states;         ///< [steps × units·directions]
    int units = 0;                 ///< per direction
    QStringList steps;             ///< one label per step
    std::vector<bool> padding;     ///< per step
    engine::Matrix outputs;        ///< [steps × classes] probabilities (or values); may be empty
    QStringList outputNames;       ///< one per output column
    std::int64_t parametersStep = -1; ///< the training step of the weights shown
};

class SequenceStateView : public QWidget {
    Q_OBJECT
public:
    explicit SequenceStateView(QWidget* parent = nullptr);
    void setState(SequenceState state);
    void clear();
    bool hasState() const { return m_state.states.size() > 0; }
    const SequenceState& state() const { return m_state; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QLabel* m_title;
    SequenceState m_state;
};

} // namespace layerlab::widgets::views
