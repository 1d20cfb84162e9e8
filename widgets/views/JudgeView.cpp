#include "JudgeView.h"

#include "style/Colormap.h"
#include "style/Theme.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace layerlab::widgets::views {

namespace {

QTableWidget* table(const QString& name) {
    auto* t = new QTableWidget;
    t->setObjectName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->setDefaultSectionSize(22);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QString num(double v, int digits = 3) { return std::isfinite(v) ? QString::number(v, 'f', digits) : QStringLiteral("–"); }

void row(QTableWidget* t, const QString& name, double model, double baseline, int digits = 3) {
    const int r = t->rowCount();
    t->insertRow(r);
    t->setItem(r, 0, new QTableWidgetItem(name));
    t->setItem(r, 1, new QTableWidgetItem(num(model, digits)));
    t->setItem(r, 2, new QTableWidgetItem(num(baseline, digits)));
}

} // namespace

JudgeView::JudgeView(QWidget* parent)
    : QWidget(parent), m_title(new QLabel), m_rowChoice(new QComboBox), m_flag(new QLabel), m_metrics(table(QStringLiteral("judgeMetrics"))),
      m_confusion(table(QStringLiteral("judgeConfusion"))), m_chart(new QChartView), m_worst(table(QStringLiteral("judgeWorst"))) {
    setObjectName(QStringLiteral("judge"));
    m_rowChoice->setObjectName(QStringLiteral("judgeRows"));
    m_rowChoice->addItem(tr("Validation rows"));
    m_rowChoice->addItem(tr("Test rows"));
    m_rowChoice->setToolTip(tr("Test rows are for a last look: a design chosen by its test score has made them validation rows"));
    connect(m_rowChoice, &QComboBox::currentIndexChanged, this, [this](int index) { Q_EMIT rowsChosen(index == 1); });
    m_flag->setObjectName(QStringLiteral("judgeFlag"));
    m_metrics->setColumnCount(3);
    m_metrics->setHorizontalHeaderLabels({tr("metric"), tr("model"), tr("learned nothing")});
    m_metrics->setToolTip(tr("\"Learned nothing\": always the most frequent class, or always the mean"));
    // Metric names ("versicolor: precision") fit their column instead of ending in "...".
    m_metrics->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_confusion->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_worst->setColumnCount(4);
    m_worst->setHorizontalHeaderLabels({tr("line"), tr("actual"), tr("predicted"), tr("loss")});
    m_worst->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_worst->setToolTip(tr("Click a row to show its activations on the canvas"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);
    m_chart->chart()->legend()->hide();
    // Beside the plot, one class a line: along the bottom three "versicolor (AUC 0.992)" were
    // elided to "versicolor (AUC …" at 1600 px (tour finding).
    m_chart->chart()->legend()->setAlignment(Qt::AlignRight);
    connect(&style::Theme::instance(), &style::Theme::changed, this, &JudgeView::styleChart);
    auto* grid = new QGridLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(new QLabel(tr("Judge on")));
    top->addWidget(m_rowChoice);
    grid->addLayout(top, 0, 0, 1, 2);
    grid->addWidget(m_flag, 1, 0, 1, 2);
    grid->addWidget(m_metrics, 2, 0);
    grid->addWidget(m_chart, 2, 1);
    grid->addWidget(m_confusion, 3, 0);
    grid->addWidget(m_worst, 3, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    connect(m_worst, &QTableWidget::cellClicked, this, [this](int r, int) {
        if (r >= 0 && std::size_t(r) < m_rows.size()) Q_EMIT rowActivated(m_rows[std::size_t(r)].tableRow);
    });
    clear();
}

void JudgeView::clear() {
    m_title->setText(tr("Train a model: its scores on the validation rows appear here, beside a model that learned nothing."));
    m_flag->clear();
    m_flagText.clear();
    m_flagState.clear();
    m_metrics->setRowCount(0);
    m_confusion->clear();
    m_confusion->setRowCount(0);
    m_confusion->setColumnCount(0);
    m_worst->setRowCount(0);
    m_chart->chart()->removeAllSeries();
    for (auto* axis : m_chart->chart()->axes()) {
        m_chart->chart()->removeAxis(axis);
        delete axis;
    }
    m_chart->chart()->setTitle(QString()); // "ROC curve, AUC 0.641" must not outlive its run
    m_chart->chart()->legend()->hide();
    styleChart();
    m_rows.clear();
}

QString JudgeView::flag() const { return m_flagState; }
QString JudgeView::flagText() const { return m_flagText; }
int JudgeView::worstCount() const { return m_worst->rowCount(); }

void JudgeView::setVerdict(const engine::train::Judgement& j, const QStringList& classes, const QString& rowsDescription,
                           std::vector<WorstRow> worst) {
    const auto& theme = style::Theme::instance();
    m_title->setText(rowsDescription);
    // The engine's verdict weighs every figure shown below (loss, accuracy, AUC; loss, RMSE).
    const auto& m = j.metrics;
    const auto better = m.compareWithBaseline();
    m_flagState = j.beatsBaseline ? QStringLiteral("better") : QStringLiteral("not better");
    QStringList figures{tr("loss")};
    figures << (m.classification ? tr("accuracy") : tr("RMSE"));
    if (better.hasAuc) figures << tr("AUC");
    QString text;
    if (j.beatsBaseline) {
        // The figures the verdict weighs, by name: the per-class rows below are shown, not weighed
        // (always predicting the majority class has a recall of 1 for that class).
        text = tr("✔ Better than a model that learned nothing on %1.").arg(figures.join(QStringLiteral(", ")));
    } else {
        QStringList worse;
        if (!better.loss) worse << tr("loss %1 vs %2").arg(num(m.loss, 4), num(m.baselineLoss, 4));
        if (!better.headline)
            worse << (m.classification ? tr("accuracy %1 vs %2").arg(num(m.accuracy), num(m.baselineAccuracy))
                                       : tr("RMSE %1 vs %2").arg(num(m.rmse), num(m.baselineRmse)));
        if (better.hasAuc && !better.auc) worse << tr("AUC %1 vs 0.5").arg(num(m.auc));
        text = tr("✖ Not better than a model that learned nothing: %1.").arg(worse.join(QStringLiteral("; ")));
    }
    // The verdict in its colour; a diagnosis below it in the warning colour, even under a "better":
    // praise and a warning in one colour read as one message.
    QString html = QStringLiteral("<span style=\"color:%1\">%2</span>")
                       .arg(theme.color(j.beatsBaseline ? QStringLiteral("ok") : QStringLiteral("error")).name(), text.toHtmlEscaped());
    if (!j.overfitting.empty()) {
        const QString cause = tr("Likely cause: %1.").arg(QString::fromStdString(j.overfitting));
        text += QStringLiteral("\n") + cause;
        html += QStringLiteral("<br><span style=\"color:%1\">%2</span>").arg(theme.color(QStringLiteral("warning")).name(), cause.toHtmlEscaped());
    }
    m_flagText = text;
    m_flag->setTextFormat(Qt::RichText);
    m_flag->setText(html);
    m_flag->setWordWrap(true);
    m_flag->setStyleSheet(QStringLiteral("font-weight: bold"));
    showMetrics(j, classes);
    showCurve(j, classes);
    m_rows = std::move(worst);
    m_worst->setRowCount(int(m_rows.size()));
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const auto& w = m_rows[std::size_t(r)];
        m_worst->setItem(r, 0, new QTableWidgetItem(QString::number(w.line)));
        m_worst->setItem(r, 1, new QTableWidgetItem(w.actual));
        m_worst->setItem(r, 2, new QTableWidgetItem(w.predicted));
        m_worst->setItem(r, 3, new QTableWidgetItem(num(w.loss)));
    }
}

void JudgeView::showMetrics(const engine::train::Judgement& j, const QStringList& classes) {
    const auto& m = j.metrics;
    m_metrics->setRowCount(0);
    row(m_metrics, tr("loss"), m.loss, j.baselineLoss, 4);
    if (m.classification) {
        row(m_metrics, tr("accuracy"), m.accuracy, m.baselineAccuracy);
        if (std::isfinite(m.auc)) row(m_metrics, tr("ROC AUC"), m.auc, 0.5);
        for (std::size_t c = 0; c < j.classes.size(); ++c) {
            const QString name = c < std::size_t(classes.size()) ? classes[int(c)] : QString::number(c);
            const auto& s = j.classes[c];
            row(m_metrics, tr("%1: precision").arg(name), s.precision, s.baselinePrecision);
            row(m_metrics, tr("%1: recall").arg(name), s.recall, s.baselineRecall);
            row(m_metrics, tr("%1: F1").arg(name), s.f1, s.baselineF1);
        }
        const int k = int(m.confusion.size());
        m_confusion->setRowCount(k);
        m_confusion->setColumnCount(k);
        QStringList labels;
        for (int c = 0; c < k; ++c) labels << (c < classes.size() ? classes[c] : QString::number(c));
        QStringList rowsLabels, colLabels;
        for (const auto& l : labels) rowsLabels << tr("true %1").arg(l), colLabels << tr("predicted %1").arg(l);
        m_confusion->setVerticalHeaderLabels(rowsLabels);
        m_confusion->setHorizontalHeaderLabels(colLabels);
        for (int t = 0; t < k; ++t)
            for (int p = 0; p < k; ++p)
                m_confusion->setItem(t, p, new QTableWidgetItem(QString::number(m.confusion[std::size_t(t)][std::size_t(p)])));
    } else {
        row(m_metrics, tr("RMSE"), m.rmse, j.baselineRmse, 4);
        row(m_metrics, tr("MAE"), m.mae, j.baselineMae, 4);
        row(m_metrics, tr("R²"), m.r2, 0.0);
        m_confusion->clear();
        m_confusion->setRowCount(0);
        m_confusion->setColumnCount(0);
    }
}

void JudgeView::showCurve(const engine::train::Judgement& j, const QStringList& classes) {
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    const auto& theme = style::Theme::instance();
    auto* diagonal = new QLineSeries;
    diagonal->setPen(QPen(theme.color(QStringLiteral("mutedText")), 1, Qt::DashLine));
    if (j.metrics.classification) {
        x->setTitleText(tr("false positive rate"));
        y->setTitleText(tr("true positive rate"));
        x->setRange(0, 1);
        y->setRange(0, 1);
        auto curve = [&](const std::vector<engine::train::RocPoint>& roc, const QColor& color, const QString& name) {
            auto* series = new QLineSeries;
            QList<QPointF> pts;
            const std::size_t stride = std::max<std::size_t>(1, roc.size() / 2000);
            for (std::size_t i = 0; i < roc.size(); i += stride) pts << QPointF(roc[i].falsePositiveRate, roc[i].truePositiveRate);
            if (!roc.empty()) pts << QPointF(roc.back().falsePositiveRate, roc.back().truePositiveRate);
            series->replace(pts);
            series->setPen(QPen(color, 2));
            series->setName(name);
            return series;
        };
        diagonal->replace({QPointF(0, 0), QPointF(1, 1)});
        diagonal->setName(tr("chance"));
        QList<QLineSeries*> series{diagonal};
        if (!j.rocOneVsRest.empty()) {
            // Three or more classes: each class against the rest, in the class colours the map uses.
            const auto colors = style::Colormap::fromTheme();
            double sum = 0;
            int counted = 0;
            for (std::size_t c = 0; c < j.rocOneVsRest.size(); ++c) {
                const QString name = c < std::size_t(classes.size()) ? classes[int(c)] : QString::number(c);
                const double auc = c < j.aucOneVsRest.size() ? j.aucOneVsRest[c] : std::nan("");
                if (std::isfinite(auc)) sum += auc, ++counted;
                series << curve(j.rocOneVsRest[c], colors.classColor(int(c)), tr("%1 (AUC %2)").arg(name, num(auc)));
            }
            chart->setTitle(tr("ROC one-vs-rest, mean AUC %1").arg(num(counted ? sum / counted : std::nan(""))));
            chart->legend()->show();
        } else {
            chart->setTitle(j.roc.empty() ? tr("ROC curve: not enough classes in these rows") : tr("ROC curve, AUC %1").arg(num(j.metrics.auc)));
            series << curve(j.roc, theme.color(QStringLiteral("chartTrain")), tr("model"));
            chart->legend()->hide();
        }
        for (auto* s : series) {
            chart->addSeries(s);
            s->attachAxis(x);
            s->attachAxis(y);
        }
        // The dashed diagonal explains itself; its legend entry only took the classes' room.
        for (auto* marker : chart->legend()->markers(diagonal)) marker->setVisible(false);
        styleChart();
        return;
    }
    chart->setTitle(tr("predicted vs actual (R² %1)").arg(num(j.metrics.r2)));
    x->setTitleText(tr("actual"));
    y->setTitleText(tr("predicted"));
    auto* points = new QScatterSeries;
    points->setMarkerSize(5);
    points->setColor(theme.color(QStringLiteral("chartTrain")));
    QList<QPointF> pts;
    float lo = INFINITY, hi = -INFINITY;
    const std::size_t stride = std::max<std::size_t>(1, j.actual.size() / 3000);
    for (std::size_t i = 0; i < j.actual.size(); i += stride) {
        pts << QPointF(j.actual[i], j.predicted[i]);
        lo = std::min({lo, j.actual[i], j.predicted[i]});
        hi = std::max({hi, j.actual[i], j.predicted[i]});
    }
    if (!(lo < hi)) lo = 0, hi = 1;
    points->replace(pts);
    diagonal->replace({QPointF(lo, lo), QPointF(hi, hi)});
    x->setRange(lo, hi);
    y->setRange(lo, hi);
    for (QXYSeries* s : {static_cast<QXYSeries*>(diagonal), static_cast<QXYSeries*>(points)}) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->hide();
    styleChart();
}

void JudgeView::styleChart() {
    // The chart follows the theme like the loss chart: a white panel in the dark theme was a glare.
    const auto& theme = style::Theme::instance();
    auto* chart = m_chart->chart();
    chart->setBackgroundBrush(theme.color(QStringLiteral("base")));
    chart->setTitleBrush(theme.color(QStringLiteral("text")));
    chart->legend()->setLabelColor(theme.color(QStringLiteral("text")));
    for (auto* axis : chart->axes()) {
        axis->setLabelsColor(theme.color(QStringLiteral("text")));
        axis->setTitleBrush(theme.color(QStringLiteral("mutedText")));
        axis->setGridLineColor(theme.color(QStringLiteral("grid")));
    }
}

QStringList JudgeView::curveNames() const {
    QStringList out;
    for (auto* s : m_chart->chart()->series()) out << s->name();
    return out;
}

QString JudgeView::curveTitle() const { return m_chart->chart()->title(); }

QStringList JudgeView::legendLabels() const {
    QStringList out;
    const auto* legend = m_chart->chart()->legend();
    if (!legend->isVisible()) return out;
    for (auto* m : legend->markers())
        if (m->isVisible()) out << m->label();
    return out;
}

Qt::Alignment JudgeView::legendAlignment() const { return m_chart->chart()->legend()->alignment(); }

} // namespace layerlab::widgets::views
