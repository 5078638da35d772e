namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Turns one ONNX node into IR operations (or constants) through the import context.</summary>
internal interface IOpMapper
{
    void Map(OnnxNode node, ImportContext context);
}
