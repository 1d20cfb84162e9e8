// The Experiments tab: a sweep's controls (which setting, which values, how many at once), one
// tile per trial with its curves, and a sortable table of every trial's figures. One selection:
// a tile click selects its table row and the other way round. The view runs nothing: it asks
// (startRequested, killRequested, pauseToggled) and is told (setTrials).
// Threading: GUI thread only.
#pragma once

#include "TrialTile.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace layerlab::widgets::views {

class ExperimentsView : public QWidget {
    Q_OBJECT
public:
    /// `parameters`: the settings a sweep can vary, in order ("Learning rate (lr)", ...).
    ExperimentsView(const QStringList& parameters, QWidget* parent = nullptr);
    /// The trials as they stand, with the table's figures (one row per trial, same order).
    void setTrials(const std::vector<TrialSummary>& trials, const std::vector<QStringList>& rows, bool running);
    void setMessage(const QString& text);
    /// The validation metric's name for the table's header ("accuracy", "rmse").
    void setMetricName(const QString& name);
    int selectedTrial() const { return m_selected; }
    int tileCount() const { return int(m_tiles.size()); }
    TrialTile* tile(int i) const { return m_tiles[std::size_t(i)]; }

Q_SIGNALS:
    void startRequested(int parameter, const QString& values, int parallel);
    void killRequested(int trial);
    void pauseToggled(bool paused);

private:
    void select(int trial);
    QComboBox* m_parameter;
    QLineEdit* m_values;
    QSpinBox* m_parallel;
    QPushButton* m_run;
    QPushButton* m_pause;
    QPushButton* m_kill;
    QLabel* m_message;
    QGridLayout* m_grid;
    QTableWidget* m_table;
    std::vector<TrialTile*> m_tiles;
    int m_selected = -1;
};

} // namespace layerlab::widgets::views
