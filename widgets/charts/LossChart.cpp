#include "LossChart.h"

#include "Decimator.h"
#include "style/Theme.h"

#include <QToolTip>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace layerlab::widgets::charts {

using engine::train::EpochReport;

namespace {
QColor themed(const char* name) { return style::Theme::instance().color(QString::fromLatin1(name)); }
} // namespace

LossChart::LossChart(QWidget* parent)
    : QChartView(new QChart, parent), m_train(new QLineSeries), m_validation(new QLineSeries), m_steps(new QLineSeries),
      m_metric(new QLineSeries), m_baseline(new QLineSeries), m_baseline2(new QLineSeries),
      m_previousTrain(new QLineSeries), m_previousValidation(new QLineSeries) {
    setObjectName(QStringLiteral("lossChart"));
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    // Tall enough for the legend, both axis titles and their labels: at 160 px a dock squeezed by a
    // smaller window left a 49 px plot whose labels Qt Charts shows as "..." (issue 19, point 9).
    setMinimumHeight(220);
    chart()->legend()->setAlignment(Qt::AlignTop);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    m_train->setName(tr("train loss"));
    m_validation->setName(tr("validation loss"));
    m_steps->setName(tr("step loss"));
    m_metric->setName(tr("metric"));
    m_baseline->setName(tr("baseline"));
    m_previousTrain->setName(tr("previous run: train loss"));
    m_previousValidation->setName(tr("previous run: validation loss"));
    for (auto* s : {m_previousTrain, m_previousValidation, m_steps, m_train, m_validation, m_metric, m_baseline, m_baseline2})
        chart()->addSeries(s);
    m_baseline2->setVisible(false);
    m_previousTrain->setVisible(false);
    m_previousValidation->setVisible(false);
    m_steps->setVisible(false);
    connect(m_train, &QLineSeries::hovered, this, [this](const QPointF& p, bool on) { hovered(tr("train loss"), p, on); });
    connect(m_validation, &QLineSeries::hovered, this, [this](const QPointF& p, bool on) { hovered(tr("validation loss"), p, on); });
    connect(m_metric, &QLineSeries::hovered, this, [this](const QPointF& p, bool on) { hovered(m_metricName, p, on); });
    connect(&style::Theme::instance(), &style::Theme::changed, this, &LossChart::styleSeries);
    buildAxes();
    styleSeries();
    setMetric(tr("metric"), std::nan(""));
}

void LossChart::styleSeries() {
    const bool dark = style::Theme::instance().kind() == style::Theme::Kind::Dark;
    chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart()->setBackgroundBrush(themed("base"));
    chart()->legend()->setLabelColor(themed("text"));
    auto pen = [](QColor c, qreal w, Qt::PenStyle s = Qt::SolidLine) {
        QPen p(c, w, s);
        p.setCosmetic(true);
        return p;
    };
    m_train->setPen(pen(themed("chartTrain"), 2));
    m_validation->setPen(pen(themed("chartValidation"), 2));
    QColor step = themed("chartTrain");
    step.setAlphaF(0.35f);
    m_steps->setPen(pen(step, 1));
    m_metric->setPen(pen(themed("chartMetric"), 1.6));
    // Each baseline its own colour: the metric and two dashed lines in one green read as one curve.
    m_baseline->setPen(pen(themed("chartBaseline"), 1.2, Qt::DashLine));
    m_baseline2->setPen(pen(themed("chartBaseline2"), 1.2, Qt::DotLine));
    // The replaced run in its own colours, faded: grey would read as one of the baselines.
    QColor previousTrain = themed("chartTrain"), previousValidation = themed("chartValidation");
    previousTrain.setAlphaF(0.3f);
    previousValidation.setAlphaF(0.3f);
    m_previousTrain->setPen(pen(previousTrain, 2));
    m_previousValidation->setPen(pen(previousValidation, 2));
    chart()->setTitleBrush(themed("error"));
    for (auto* axis : chart()->axes()) {
        axis->setLabelsColor(themed("text"));
        axis->setTitleBrush(themed("mutedText"));
        axis->setGridLineColor(themed("grid"));
    }
}

void LossChart::buildAxes() {
    if (!m_x) {
        m_x = new QValueAxis;
        m_x->setTitleText(tr("epoch"));
        m_x->setLabelFormat(QStringLiteral("%g"));
        chart()->addAxis(m_x, Qt::AlignBottom);
        m_metricAxis = new QValueAxis;
        m_metricAxis->setLabelFormat(QStringLiteral("%.3g"));
        chart()->addAxis(m_metricAxis, Qt::AlignRight);
        for (auto* s : {m_train, m_validation, m_steps, m_metric, m_baseline, m_baseline2, m_previousTrain, m_previousValidation})
            s->attachAxis(m_x);
        for (auto* s : {m_metric, m_baseline, m_baseline2}) s->attachAxis(m_metricAxis);
    }
    if (m_lossAxis) {
        for (auto* s : {m_train, m_validation, m_steps, m_previousTrain, m_previousValidation}) s->detachAxis(m_lossAxis);
        chart()->removeAxis(m_lossAxis);
        delete m_lossAxis;
    }
    if (m_log) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%.3g"));
        axis->setMinorTickCount(-1);
        m_lossAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%.3g"));
        m_lossAxis = axis;
    }
    m_lossAxis->setTitleText(tr("loss"));
    chart()->addAxis(m_lossAxis, Qt::AlignLeft);
    for (auto* s : {m_train, m_validation, m_steps, m_previousTrain, m_previousValidation}) s->attachAxis(m_lossAxis);
}

void LossChart::setHistory(const engine::train::RunHistory* history) {
    m_history = history;
    m_dirty = true;
    chart()->zoomReset();
    refresh();
}

void LossChart::setMetric(const QString& name, double baseline) {
    m_metricName = name;
    m_dirty = true;
    m_metricBaseline = baseline;
    m_metric->setName(tr("validation %1").arg(name));
    m_baseline->setName(tr("%1 of a model that learned nothing").arg(name));
    m_metricAxis->setTitleText(name);
    refresh();
}

void LossChart::setSecondBaseline(const QString& name, double value) {
    m_baseline2->setName(name);
    m_baseline2Value = value;
    m_baseline2->setVisible(std::isfinite(value));
    m_dirty = true;
    refresh();
}

void LossChart::setPrevious(std::vector<EpochReport> epochs) {
    m_previous = std::move(epochs);
    m_previousTrain->setVisible(!m_previous.empty());
    m_previousValidation->setVisible(!m_previous.empty());
    if (m_previous.empty()) {
        m_previousTrain->clear();
        m_previousValidation->clear();
    }
    m_dirty = true;
    refresh();
}

void LossChart::clearRun() {
    setPrevious({});
    setWarning(QString());
    setSecondBaseline(QString(), std::nan(""));
    setMetric(tr("metric"), std::nan(""));
}

void LossChart::setWarning(const QString& text) {
    if (text == m_warning) return;
    m_warning = text;
    chart()->setTitleBrush(themed("error"));
    // The finding as the title (what to try is in the tooltip): the whole text ran past the chart's
    // width and ended in "...".
    const QString headline = text.section(QStringLiteral(": the network"), 0, 0);
    chart()->setTitle(text.isEmpty() ? QString() : QStringLiteral("⚠ ") + headline);
    setToolTip(text);
}

QStringList LossChart::legendTexts() const {
    QStringList out;
    for (auto* s : chart()->series())
        if (s->isVisible()) out << s->name();
    return out;
}

void LossChart::setLogScale(bool on) {
    if (on == m_log) return;
    m_log = on;
    m_dirty = true;
    buildAxes();
    styleSeries();
    refresh();
}

void LossChart::setShowSteps(bool on) {
    m_showSteps = on;
    m_dirty = true;
    m_steps->setVisible(on);
    refresh();
}

int LossChart::pointsShown(const QString& series) const {
    for (auto* s : {m_train, m_validation, m_steps, m_metric, m_baseline, m_baseline2, m_previousTrain, m_previousValidation})
        if (s->name() == series || s->objectName() == series) return int(s->count());
    return -1;
}

void LossChart::refresh() {
    static const engine::train::RunHistory empty;
    const auto& h = m_history ? *m_history : empty;
    // The run that replaced the previous one has caught up with it: its grey curves have done their job.
    if (!m_previous.empty() && h.epochs.size() >= m_previous.size()) {
        setPrevious({});
        return;
    }
    const int buckets = std::max(16, int(chart()->plotArea().width()));
    const bool zoomed = chart()->isZoomed();
    // Repainting a chart costs milliseconds of the GUI thread: only when there is something new.
    const Shown now{h.epochs.size(), m_showSteps ? h.stepLoss.size() : 0, h.markers.size(), buckets};
    if (now == m_shown && !m_dirty && !zoomed) return;
    m_shown = now;
    m_dirty = false;
    double last = h.epochs.empty() ? 1.0 : std::max(1.0, double(h.epochs.back().epoch));
    if (!m_previous.empty()) last = std::max(last, double(m_previous.back().epoch));
    const double stepLast = h.stepEpoch.empty() ? 0.0 : double(h.stepEpoch.back());
    double x0 = 0, x1 = std::max(last, stepLast);
    if (zoomed) {
        x0 = m_x->min();
        x1 = m_x->max();
    }
    double lo = INFINITY, hi = -INFINITY, mlo = INFINITY, mhi = -INFINITY;
    auto fill = [&](QLineSeries* series, double EpochReport::*field, bool metric, const std::vector<EpochReport>& epochs) {
        m_xs.clear();
        m_ys.clear();
        for (const EpochReport& e : epochs) {
            m_xs.push_back(float(e.epoch));
            const double v = e.*field;
            m_ys.push_back(m_log && v <= 0 ? NAN : float(v));
        }
        const QList<QPointF> points = Decimator::minMax(m_xs, m_ys, x0, x1, buckets);
        for (const QPointF& p : points) {
            (metric ? mlo : lo) = std::min(metric ? mlo : lo, p.y());
            (metric ? mhi : hi) = std::max(metric ? mhi : hi, p.y());
        }
        series->replace(points);
    };
    fill(m_train, &EpochReport::trainLoss, false, h.epochs);
    fill(m_validation, &EpochReport::valLoss, false, h.epochs);
    fill(m_metric, &EpochReport::valMetric, true, h.epochs);
    if (!m_previous.empty()) {
        fill(m_previousTrain, &EpochReport::trainLoss, false, m_previous);
        fill(m_previousValidation, &EpochReport::valLoss, false, m_previous);
    }
    if (m_showSteps) {
        m_ys.assign(h.stepLoss.begin(), h.stepLoss.end());
        if (m_log) std::replace_if(m_ys.begin(), m_ys.end(), [](float v) { return v <= 0; }, NAN);
        const QList<QPointF> points = Decimator::minMax(h.stepEpoch, m_ys, x0, x1, buckets);
        for (const QPointF& p : points) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        m_steps->replace(points);
    } else {
        m_steps->clear();
    }
    if (std::isfinite(m_metricBaseline) && !h.epochs.empty()) {
        m_baseline->replace({QPointF(x0, m_metricBaseline), QPointF(x1, m_metricBaseline)});
        mlo = std::min(mlo, m_metricBaseline);
        mhi = std::max(mhi, m_metricBaseline);
    } else {
        m_baseline->clear();
    }
    if (std::isfinite(m_baseline2Value) && !h.epochs.empty()) {
        m_baseline2->replace({QPointF(x0, m_baseline2Value), QPointF(x1, m_baseline2Value)});
        mlo = std::min(mlo, m_baseline2Value);
        mhi = std::max(mhi, m_baseline2Value);
    } else {
        m_baseline2->clear();
    }
    if (zoomed) return; // the user's rectangle stands until a double-click
    // Round ticks (1, 2 or 5 × 10^k apart, about five of them); the axis ends on the next tick.
    const double raw = x1 / 5.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double n = raw / magnitude;
    const double step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
    const double end = std::ceil(x1 / step - 1e-9) * step;
    m_x->setRange(0, end);
    m_x->setTickCount(int(std::lround(end / step)) + 1);
    if (!(lo <= hi)) lo = m_log ? 0.1 : 0.0, hi = 1.0;
    if (m_log) m_lossAxis->setRange(lo / 1.2, hi * 1.2);
    else {
        // Fit the curves, not zero: losses between 0.59 and 0.70 looked flat on a 0-0.7 axis. The
        // axis starts at 0 only when the curves come within a fifth of their range of it.
        const double span = std::max(1e-9, hi - lo);
        const double bottom = lo >= 0.0 && lo < 0.2 * span ? 0.0 : lo - 0.05 * span;
        m_lossAxis->setRange(bottom, hi + 0.05 * span);
    }
    if (!(mlo <= mhi)) mlo = 0, mhi = 1;
    const double pad = 0.05 * std::max(1e-9, mhi - mlo);
    m_metricAxis->setRange(mlo - pad, mhi + pad);
}

void LossChart::hovered(const QString& what, const QPointF& point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), tr("epoch %1 · %2 %3").arg(point.x()).arg(what).arg(point.y(), 0, 'g', 5), this);
}

void LossChart::drawForeground(QPainter* painter, const QRectF& rect) {
    QChartView::drawForeground(painter, rect);
    if (!m_history || m_history->markers.empty()) return;
    const QRectF area = chart()->plotArea();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(themed("marker"), 1, Qt::DashLine);
    painter->setFont(font());
    const auto& markers = m_history->markers;
    // Only the newest markers get a label: a run edited a hundred times would be all text.
    const std::size_t labelled = markers.size() > 8 ? markers.size() - 8 : 0;
    for (std::size_t i = 0; i < markers.size(); ++i) {
        const auto& m = markers[i];
        const QPointF at = chart()->mapToPosition(QPointF(m.epoch, 0), m_train);
        if (at.x() < area.left() || at.x() > area.right()) continue;
        painter->setPen(pen);
        painter->drawLine(QPointF(at.x(), area.top()), QPointF(at.x(), area.bottom()));
        if (i < labelled) continue;
        const QString text = painter->fontMetrics().elidedText(QString::fromStdString(m.text), Qt::ElideRight, 220);
        const qreal y = area.top() + 14 + 16 * qreal(i % 3);
        QRectF box = painter->fontMetrics().boundingRect(text);
        box.moveBottomLeft(QPointF(at.x() + 3, y + 3));
        QColor back = themed("base");
        back.setAlphaF(0.85f);
        painter->fillRect(box.adjusted(-2, -1, 2, 1), back); // readable over the curves
        painter->setPen(themed("marker"));
        painter->drawText(QPointF(at.x() + 3, y), text);
    }
    painter->restore();
}

void LossChart::mouseDoubleClickEvent(QMouseEvent* event) {
    chart()->zoomReset();
    m_dirty = true;
    refresh();
    QChartView::mouseDoubleClickEvent(event);
}

void LossChart::resizeEvent(QResizeEvent* event) {
    QChartView::resizeEvent(event);
    m_dirty = true;
    refresh(); // the bucket count follows the width
}

} // namespace layerlab::widgets::charts
