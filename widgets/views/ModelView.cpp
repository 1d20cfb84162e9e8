#include "ModelView.h"

#include "DataSummary.h"
#include "Text.h"
#include "canvas/CanvasView.h"
#include "canvas/GraphModel.h"
#include "canvas/NetworkScene.h"
#include "model/ModelSummary.h"
#include "panels/PredictionsModel.h"
#include "style/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace layerlab::widgets::views {

using namespace layerlab::engine;

ModelView::ModelView(QWidget* parent)
    : QWidget(parent), m_graph(new canvas::GraphModel(this)), m_undo(new QUndoStack(this)),
      m_scene(new canvas::NetworkScene(m_graph, m_undo, this)), m_canvas(new canvas::CanvasView(m_scene)), m_summary(new QLabel),
      m_designExports(new QLabel), m_status(new QLabel), m_table(new QTableView), m_predictions(new panels::PredictionsModel(this)),
      m_open(new QPushButton(tr("&Open Model…"))), m_trained(new QPushButton(tr("Use the &Trained Model"))),
      m_predict(new QPushButton(tr("&Predict on CSV…"))), m_save(new QPushButton(tr("&Save Predictions…"))),
      m_export(new QPushButton(tr("E&xport…"))) {
    setObjectName(QStringLiteral("modelView"));
    m_open->setToolTip(tr("Open a .llmodel file or a LayerLab JSON export"));
    m_trained->setToolTip(tr("Show the model this session trained (best weights of the last run)"));
    m_predict->setToolTip(tr("Run the model on every row of a CSV file that has its input columns"));
    m_save->setToolTip(tr("Save the table below (inputs and predictions) as CSV"));
    m_export->setToolTip(tr("Export this model as ONNX, a C header or JSON"));
    m_canvas->setInteractive(false); // a model's topology is fixed: look, do not edit
    m_canvas->viewport()->installEventFilter(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(QStringLiteral("modelSummary"));
    m_status->setObjectName(QStringLiteral("modelStatus"));
    m_designExports->setObjectName(QStringLiteral("designExports"));
    m_designExports->setWordWrap(true);
    m_designExports->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setModel(m_predictions);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->verticalHeader()->setToolTip(tr("Line in the CSV file"));

    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_open, m_trained, m_predict, m_save, m_export}) buttons->addWidget(b);
    buttons->addStretch(1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_canvas);
    split->addWidget(m_table);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_designExports);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(m_open, &QPushButton::clicked, this, &ModelView::openRequested);
    connect(m_trained, &QPushButton::clicked, this, &ModelView::useTrainedRequested);
    connect(m_predict, &QPushButton::clicked, this, &ModelView::predictRequested);
    connect(m_save, &QPushButton::clicked, this, &ModelView::saveRequested);
    connect(m_export, &QPushButton::clicked, this, &ModelView::exportRequested);
    setModel(nullptr, {});
}

void ModelView::setModel(std::shared_ptr<const model::Model> model, const QString& source) {
    m_model = std::move(model);
    m_predictions->clear();
    m_hasPredictions = false;
    if (!m_model) {
        m_summary->setText(tr("No model yet: train one (Ctrl+R), or open a saved model."));
        m_graph->reset({});
        // An empty drawing said "Input: no data yet" with the data loaded (tour finding).
        m_canvas->hide();
        refreshButtons();
        return;
    }
    // The canvas shows the designed layers; an Embedding layer (added for embedded factors) is
    // described in the summary instead, as on the Design tab.
    nn::NetworkSpec shown = m_model->network;
    std::erase_if(shown.layers, [](const nn::LayerSpec& l) { return l.type == nn::LayerType::Embedding; });
    m_graph->reset(shown);
    m_canvas->show();
    const auto& pre = m_model->preprocessing;
    DataSummary data;
    data.loaded = true;
    for (const auto& name : pre.inputs()) data.inputs << QString::fromStdString(name);
    data.inputWidth = pre.inputWidth(); // what the Design tab shows: embedded factors one index each
    for (const auto& name : pre.featureNames()) data.featureNames << QString::fromStdString(name);
    data.target = QString::fromStdString(pre.target());
    data.targetClasses = int(pre.classes().size());
    m_scene->setData(data);
    m_scene->setOutputUnits(m_model->network.outputs());
    m_canvas->fitAll();
    refreshButtons();
    setStatus(tr("Model from %1").arg(source));
    m_summary->setText(summary());
}

bool ModelView::isDrawingShown() const { return !m_canvas->isHidden(); }

void ModelView::setDesignExports(const QString& text) {
    m_designExports->setText(text);
    m_designExports->setVisible(!text.isEmpty());
}

QString ModelView::designExports() const { return m_designExports->text(); }

QString ModelView::summary() const {
    if (!m_model) return {};
    const auto& pre = m_model->preprocessing;
    const nn::Network net(m_model->network);
    QString predicts;
    if (pre.targetKind() == data::TargetKind::Regression) {
        predicts = tr("the value of <b>%1</b>").arg(QString::fromStdString(pre.target()).toHtmlEscaped());
    } else {
        QStringList classes;
        for (const auto& c : pre.classes()) classes << QString::fromStdString(c).toHtmlEscaped();
        predicts = tr("<b>%1</b>: %2").arg(QString::fromStdString(pre.target()).toHtmlEscaped(), classes.join(QStringLiteral(" / ")));
    }
    return tr("<b>Network</b> %1 (loss %2)<br><b>Takes</b> %3<br><b>Predicts</b> %4")
        .arg(QString::fromStdString(model::describeNetwork(net)).toHtmlEscaped(),
             text(nn::lossName(m_model->loss)),
             QString::fromStdString(model::describeInputs(pre)).toHtmlEscaped(), predicts);
}

void ModelView::setPredictions(std::shared_ptr<const data::Table> table, std::shared_ptr<const model::PredictionTable> predictions,
                               const QString& dataName) {
    std::vector<std::size_t> inputs;
    if (table && m_model)
        for (const auto& name : m_model->preprocessing.inputs())
            if (const auto i = table->columnIndex(name)) inputs.push_back(*i);
    const auto rows = predictions ? predictions->rowCount() : 0;
    m_predictions->setPredictions(std::move(table), std::move(predictions), std::move(inputs));
    m_table->resizeColumnsToContents();
    m_hasPredictions = rows > 0;
    refreshButtons();
    setStatus(tr("Predictions for %1: %L2 rows").arg(dataName).arg(qulonglong(rows)));
}

bool ModelView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_canvas->viewport() && (event->type() == QEvent::Resize || event->type() == QEvent::Show)) m_canvas->fitAll();
    return QWidget::eventFilter(watched, event);
}

void ModelView::setBusy(bool busy, const QString& what) {
    m_busy = busy;
    refreshButtons();
    if (busy) setStatus(what);
}

void ModelView::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: %1").arg(style::Theme::instance().color(QStringLiteral("error")).name()) : QString());
}

void ModelView::setTrainedAvailable(bool available) {
    m_trainedAvailable = available;
    refreshButtons();
}

void ModelView::refreshButtons() {
    m_open->setEnabled(!m_busy);
    m_trained->setEnabled(!m_busy && m_trainedAvailable);
    m_predict->setEnabled(!m_busy && m_model);
    m_export->setEnabled(!m_busy && m_model);
    m_save->setEnabled(!m_busy && m_hasPredictions);
}

} // namespace layerlab::widgets::views
