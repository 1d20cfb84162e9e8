// Judge: how good is the model, next to a model that learned nothing. Headline metrics with the
// baseline beside each and a flag when the model does not beat it; the confusion matrix and
// per-class precision/recall/F1; the ROC curve (two classes; one-vs-rest curves for more) or predicted-vs-actual (regression);
// the worst-predicted rows, which the user can click to inspect their activations.
// Threading: GUI thread; the figures come from an inspection job.
#pragma once

#include "train/Judgement.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;
class QChartView;
class QLineSeries;
class QScatterSeries;

namespace layerlab::widgets::views {

struct WorstRow {
    std::size_t tableRow = 0; ///< the sample (a window: its last row), shown on the canvas when clicked
    qint64 line = 0;          ///< CSV line of the row judged (a window: the row after the sample)
    QString actual, predicted;
    double loss = 0.0;
};

class JudgeView : public QWidget {
    Q_OBJECT
public:
    explicit JudgeView(QWidget* parent = nullptr);
    void setVerdict(const engine::train::Judgement& judgement, const QStringList& classes, const QString& rowsDescription,
                    std::vector<WorstRow> worst);
    void clear();
    /// "better" / "not better" / "" (nothing judged yet): what the flag says, for tests.
    QString flag() const;
    /// The verdict line as shown (for tests).
    QString flagText() const;
    int worstCount() const;
    /// The curves drawn (ROC: "chance", then "model" or one "<class> (AUC …)" each) and the
    /// chart's title, for tests.
    QStringList curveNames() const;
    QString curveTitle() const;
    /// The ROC legend's entries as drawn (hidden markers left out), and where it sits.
    QStringList legendLabels() const;
    Qt::Alignment legendAlignment() const;

Q_SIGNALS:
    void rowActivated(std::size_t tableRow);
    /// The user chose which held-out rows to judge on: the validation rows (false) or the test
    /// rows (true), which a careful user looks at once, at the end.
    void rowsChosen(bool test);

private:
    void showMetrics(const engine::train::Judgement& j, const QStringList& classes);
    void showCurve(const engine::train::Judgement& j, const QStringList& classes);
    void styleChart();

    QLabel* m_title;
    QComboBox* m_rowChoice;
    QLabel* m_flag;
    QTableWidget* m_metrics;
    QTableWidget* m_confusion;
    QChartView* m_chart;
    QTableWidget* m_worst;
    std::vector<WorstRow> m_rows;
    QString m_flagState;
    QString m_flagText; // the verdict as plain text
};

} // namespace layerlab::widgets::views
