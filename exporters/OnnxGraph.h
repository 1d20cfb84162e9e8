// A small builder over ONNX's GraphProto: typed inputs and outputs with a symbolic batch
// dimension, constant initializers, and nodes whose output names are generated so that they
// never collide with each other or with the reserved interface names (the raw column names, which
// can be any text). Knows nothing of LayerLab models; OnnxExporter decides what to build.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace layerlab::exporters {

class OnnxGraph {
public:
    using Type = onnx::TensorProto_DataType;
    static constexpr Type kFloat = onnx::TensorProto_DataType_FLOAT;
    static constexpr Type kInt64 = onnx::TensorProto_DataType_INT64;
    static constexpr Type kString = onnx::TensorProto_DataType_STRING;
    static constexpr Type kBool = onnx::TensorProto_DataType_BOOL;

    explicit OnnxGraph(onnx::GraphProto& graph) : m_graph(graph) {}

    /// Claims an interface name; false if it is already taken.
    bool reserve(const std::string& name) { return m_names.insert(name).second; }
    /// A new unique value name built from `hint`.
    std::string fresh(const std::string& hint);

    /// Graph input `name` of shape [N, width] (N symbolic); the name must have been reserved.
    void input(const std::string& name, Type type, std::int64_t width);
    /// Graph output `name` = `value`, of shape [N] (width 0) or [N, width].
    void output(const std::string& name, const std::string& value, Type type, std::int64_t width);

    std::string floats(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<float>& values);
    std::string int64s(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<std::int64_t>& values);
    std::string scalar(const std::string& hint, float value) { return floats(hint, {}, {value}); }

    /// Adds a node with one output (a fresh name from `hint`, returned through node.output(0)).
    onnx::NodeProto& node(const std::string& op, std::initializer_list<std::string> inputs, const std::string& hint,
                          const std::string& domain = "");
    onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs, const std::string& hint,
                          const std::string& domain = "");

    static void attr(onnx::NodeProto& n, const std::string& name, std::int64_t value);
    static void attr(onnx::NodeProto& n, const std::string& name, float value);
    static void attr(onnx::NodeProto& n, const std::string& name, const std::string& value);
    static void attr(onnx::NodeProto& n, const std::string& name, const std::vector<std::int64_t>& values);
    static void attr(onnx::NodeProto& n, const std::string& name, const std::vector<float>& values);
    static void attr(onnx::NodeProto& n, const std::string& name, const std::vector<std::string>& values);

private:
    onnx::GraphProto& m_graph;
    std::set<std::string> m_names;
    int m_counter = 0;
};

} // namespace layerlab::exporters
