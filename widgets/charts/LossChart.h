// The live loss chart (Qt Charts): train and validation loss per epoch, optionally the loss of
// every step, and the validation metric on a second axis with its baseline (what predicting the
// majority class, or the mean, scores) as a dashed line. A view over a RunHistory it does not own:
// refresh() decimates each series to about two points per pixel and replace()s it, so call it at
// the refresh rate, not per point. Settings changes are drawn as labelled vertical markers.
// Drag a rectangle to zoom, double-click to reset; hover a curve to read it; log scale on demand.
// Threading: GUI thread only.
#pragma once

#include "train/RunHistory.h"

#include <QtCharts/QChartView>

#include <vector>

class QLineSeries;
class QValueAxis;
class QAbstractAxis;

namespace layerlab::widgets::charts {

class LossChart : public QChartView {
    Q_OBJECT
public:
    explicit LossChart(QWidget* parent = nullptr);

    /// The history to draw (owned elsewhere, outlives this view, or null to clear).
    void setHistory(const engine::train::RunHistory* history);
    /// "accuracy" or "rmse"; and what a model that learned nothing scores (NaN: not drawn).
    void setMetric(const QString& name, double baseline);
    /// A second baseline on the metric axis, e.g. "same as today" for a forecast (NaN: none).
    void setSecondBaseline(const QString& name, double value);
    /// The curves of a run this one replaces (Train after the design changed), drawn grey until the
    /// new run has as many epochs; empty clears them.
    void setPrevious(std::vector<engine::train::EpochReport> epochs);
    bool hasPrevious() const { return !m_previous.empty(); }
    /// Forgets what belonged to the last run: the metric's name and both baselines, the warning.
    void clearRun();
    /// A flag shown over the curves (the overfitting diagnosis); empty hides it.
    void setWarning(const QString& text);
    QString warning() const { return m_warning; }
    /// Every legend entry, for tests that check nothing from another project is shown.
    QStringList legendTexts() const;
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    void setShowSteps(bool on);
    /// Re-reads the history; returns at once when nothing the chart shows has changed, so it is
    /// cheap enough for every refresh tick.
    void refresh();

    /// Points currently handed to each series (for tests and the benchmark).
    int pointsShown(const QString& series) const;

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildAxes();
    void styleSeries();
    void hovered(const QString& what, const QPointF& point, bool state);

    const engine::train::RunHistory* m_history = nullptr;
    QLineSeries* m_train;
    QLineSeries* m_validation;
    QLineSeries* m_steps;
    QLineSeries* m_metric;
    QLineSeries* m_baseline;
    QLineSeries* m_baseline2;
    QLineSeries* m_previousTrain;
    QLineSeries* m_previousValidation;
    std::vector<engine::train::EpochReport> m_previous;
    double m_baseline2Value = std::nan("");
    QValueAxis* m_x = nullptr;
    QAbstractAxis* m_lossAxis = nullptr;
    QValueAxis* m_metricAxis = nullptr;
    QString m_metricName;
    QString m_warning;
    double m_metricBaseline = 0.0;
    bool m_log = false;
    bool m_showSteps = false;
    std::vector<float> m_xs, m_ys; // scratch, reused between refreshes
    struct Shown {
        std::size_t epochs = 0, steps = 0, markers = 0;
        int width = 0;
        bool operator==(const Shown&) const = default;
    } m_shown; // what the last refresh drew from
    bool m_dirty = true;
};

} // namespace layerlab::widgets::charts
