// The loss chart stays cheap however long the run: min/max decimation keeps spikes and extremes
// with at most two points per bucket, and the chart hands each series about two points per pixel
// after 10,000 epochs (STYLE.md 10). Log scale drops what a log axis cannot show.
#include "charts/Decimator.h"
#include "charts/LossChart.h"
#include "style/Theme.h"
#include "train/Judgement.h"
#include "views/JudgeView.h"

#include <QTableWidget>

#include <QTest>
#include <QtCharts/QValueAxis>

#include <cmath>
#include <vector>

using namespace layerlab;
using widgets::charts::Decimator;

class TestLossChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decimationKeepsExtremesWithinBudget() {
        std::vector<float> x(100000), y(100000);
        for (std::size_t i = 0; i < x.size(); ++i) {
            x[i] = float(i);
            y[i] = 1.0f + 0.1f * std::sin(float(i) * 0.01f);
        }
        y[54321] = 9.0f;  // a spike
        y[777] = -3.0f;   // a dip
        y[1000] = NAN;    // no validation that epoch
        const auto points = Decimator::minMax(x, y, 0, 99999, 500);
        QVERIFY(points.size() <= 2 * 500 + 2);
        QVERIFY(points.size() >= 500);
        bool spike = false, dip = false;
        double lastX = -1;
        for (const QPointF& p : points) {
            QVERIFY(std::isfinite(p.y()));
            QVERIFY(p.x() >= lastX); // x order kept
            lastX = p.x();
            spike |= p.y() == 9.0;
            dip |= p.y() == -3.0;
        }
        QVERIFY(spike);
        QVERIFY(dip);
    }

    void shortSeriesComeBackWhole() {
        const std::vector<float> x{1, 2, 3, 4}, y{4, NAN, 2, 1};
        const auto points = Decimator::minMax(x, y, 1, 4, 100);
        QCOMPARE(points.size(), 3);
        QCOMPARE(points[1], QPointF(3, 2));
    }

    void zoomedRangeKeepsItsNeighbours() {
        std::vector<float> x(1000), y(1000);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = float(i), y[i] = float(i % 7);
        const auto points = Decimator::minMax(x, y, 100.5, 200.5, 1000);
        QCOMPARE(points.first().x(), 100.0); // the point just left of the range, so the line reaches the edge
        QCOMPARE(points.last().x(), 201.0);
    }

    // Issue 19, point 9: losses between 0.59 and 0.70 looked flat on an axis from 0.
    void lossAxisFitsTheCurvesNotZero() {
        engine::train::RunHistory h;
        for (int e = 1; e <= 30; ++e) {
            engine::train::EpochReport r;
            r.epoch = e;
            r.trainLoss = 0.70 - 0.11 * e / 30.0;
            r.valLoss = 0.69 - 0.05 * e / 30.0;
            r.valMetric = 0.6;
            h.epochs.push_back(r);
        }
        widgets::charts::LossChart chart;
        chart.resize(600, 300);
        chart.setHistory(&h);
        const auto* axis = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical).value(0));
        QValueAxis* loss = nullptr;
        for (auto* a : chart.chart()->axes(Qt::Vertical))
            if (a->titleText() == QStringLiteral("loss")) loss = qobject_cast<QValueAxis*>(a);
        QVERIFY(axis && loss);
        QVERIFY2(loss->min() > 0.5 && loss->min() < 0.59, qPrintable(QString::number(loss->min())));
        QVERIFY(loss->max() > 0.70 && loss->max() < 0.75);
        // Near zero, the axis still starts at 0.
        for (auto& r : h.epochs) r.trainLoss = 0.5 / r.epoch, r.valLoss = 0.6 / r.epoch;
        chart.setHistory(&h);
        QCOMPARE(loss->min(), 0.0);
    }

    // Issue 19, point 9: the Judge's per-class labels ended in "..." ("setosa: ...").
    void judgeMetricNamesAreNotClipped() {
        engine::Matrix logits(6, 3), y(6, 1);
        logits << 3, 0, 0, 0, 3, 0, 0, 0, 3, 3, 0, 0, 0, 3, 0, 0, 3, 0;
        y << 0, 1, 2, 0, 1, 2;
        const auto j = engine::train::Judgement::compute(engine::train::LossKind::SoftmaxCrossEntropy,
                                                          engine::ConstMatrixMap(logits.data(), 6, 3), engine::ConstMatrixMap(y.data(), 6, 1), 3);
        widgets::views::JudgeView view;
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setVerdict(j, {"setosa", "versicolor", "virginica"}, "On 6 validation rows", {});
        auto* metrics = view.findChild<QTableWidget*>(QStringLiteral("judgeMetrics"));
        QVERIFY(metrics && metrics->rowCount() > 9);
        for (int r = 0; r < metrics->rowCount(); ++r) {
            const QString text = metrics->item(r, 0)->text();
            QVERIFY2(metrics->fontMetrics().horizontalAdvance(text) < metrics->columnWidth(0), qPrintable(text));
        }
    }

    void tenThousandEpochsStayAboutTwoPointsPerPixel() {
        engine::train::RunHistory h;
        for (int e = 1; e <= 10000; ++e) {
            engine::train::EpochReport r;
            r.epoch = e;
            r.trainLoss = 1.0 / e + 0.01;
            r.valLoss = e % 10 ? 1.2 / e + 0.02 : NAN;
            r.valMetric = 1.0 - 1.0 / e;
            h.epochs.push_back(r);
        }
        h.markers.push_back({5000, 5000.0, "lr 0.01 → 0.001"});
        widgets::charts::LossChart chart;
        chart.resize(800, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setHistory(&h);
        const int width = int(chart.chart()->plotArea().width());
        QVERIFY(width > 100);
        const int shown = chart.pointsShown(QStringLiteral("train loss"));
        QVERIFY2(shown > width / 2 && shown <= 2 * width + 2, qPrintable(QString("%1 points for %2 px").arg(shown).arg(width)));
        QVERIFY(chart.pointsShown(QStringLiteral("validation loss")) <= 2 * width + 2);
        chart.setLogScale(true);
        // All positive: nothing dropped (the count follows the plot's width, which the log axis's
        // labels change by a few pixels).
        const int logShown = chart.pointsShown(QStringLiteral("train loss"));
        QVERIFY2(std::abs(logShown - shown) <= shown / 50 + 2, qPrintable(QString("%1 vs %2").arg(logShown).arg(shown)));
        // The marker is painted: a dashed vertical line in the marker colour, in the middle of the
        // plot (epoch 5000 of 10,000), and only while the history has a marker.
        const QColor colour = widgets::style::Theme::instance().color(QStringLiteral("marker"));
        QVERIFY(colour.red() - colour.green() > 25 && colour.blue() - colour.green() > 25); // a purple
        const auto tallest = [&] {
            const QImage image = chart.grab().toImage();
            const QRectF area = chart.chart()->plotArea();
            int best = 0, bestX = -1;
            for (int x = int(area.left()); x < int(area.right()); ++x) {
                int n = 0;
                for (int y = int(area.top()); y < int(area.bottom()); ++y) {
                    const QColor c = image.pixelColor(x, y);
                    // The dashed, antialiased line blends with the background: match its hue (red
                    // and blue above green, as in the marker colour), not its exact value.
                    n += c.red() - c.green() > 25 && c.blue() - c.green() > 25;
                }
                if (n > best) best = n, bestX = x;
            }
            return std::pair{bestX, double(best) / area.height()};
        };
        const auto [x, share] = tallest();
        const QRectF area = chart.chart()->plotArea();
        QVERIFY2(share > 0.3, qPrintable(QString("marker column covers %1 of the plot height").arg(share)));
        QVERIFY2(std::abs(x - area.center().x()) < area.width() * 0.05, qPrintable(QString("marker at x %1").arg(x)));
        h.markers.clear();
        chart.setHistory(&h);
        QVERIFY(tallest().second < 0.1);
    }
};

QTEST_MAIN(TestLossChart)
#include "test_loss_chart.moc"
