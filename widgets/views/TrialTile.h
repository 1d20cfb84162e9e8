// One trial of a sweep as a tile: its label, its state and figures, and its loss curves (train
// and validation) drawn small; the best trial is outlined. A click selects it.
// Threading: GUI thread only.
#pragma once

#include <QString>
#include <QWidget>

#include <vector>

namespace layerlab::widgets::views {

struct TrialSummary {
    QString label;                 ///< "lr=0.01"
    QString state;                 ///< "queued", "epoch 4", "finished", "killed", "failed: ..."
    QString figures;               ///< "val loss 0.081 · accuracy 0.966"
    std::vector<double> train, val; ///< per epoch
    bool best = false;
};

class TrialTile : public QWidget {
    Q_OBJECT
public:
    explicit TrialTile(QWidget* parent = nullptr);
    void setSummary(const TrialSummary& s);
    const TrialSummary& summary() const { return m_s; }
    void setSelected(bool selected);
    QSize sizeHint() const override { return {220, 140}; }

Q_SIGNALS:
    void clicked();

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;

private:
    TrialSummary m_s;
    bool m_selected = false;
};

} // namespace layerlab::widgets::views
