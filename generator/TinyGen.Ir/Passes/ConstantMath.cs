using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>Compile-time data movement on constants (weights re-laid out, folded transposes).</summary>
public static class ConstantMath
{
    /// <summary>Permutes the axes of a constant of any element type: out.shape[i] = shape[perm[i]].</summary>
    public static TensorData Transpose(TensorData data, ImmutableArray<int> shape, IReadOnlyList<int> perm)
    {
        var size = data.Type.SizeInBytes();
        var rank = shape.Length;
        var outShape = ShapeMath.Permute(shape, perm);
        var inStrides = Strides(shape);
        var src = data.Bytes;
        var dst = new byte[src.Length];
        var index = new int[rank];
        var count = (int)ShapeMath.Product(shape);
        for (var o = 0; o < count; o++)
        {
            var offset = 0L;
            for (var i = 0; i < rank; i++) offset += (long)index[i] * inStrides[perm[i]];
            src.Slice((int)offset * size, size).CopyTo(dst.AsSpan(o * size, size));
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < outShape[i]) break;
                index[i] = 0;
            }
        }
        return TensorData.FromBytes(data.Type, dst);
    }

    /// <summary>Numpy broadcasting of a constant to <paramref name="target"/> (the shapes must broadcast).</summary>
    public static TensorData Broadcast(TensorData data, ImmutableArray<int> shape, ImmutableArray<int> target)
    {
        var size = data.Type.SizeInBytes();
        var aligned = Enumerable.Repeat(1, target.Length - shape.Length).Concat(shape).ToImmutableArray();
        var sourceStrides = Strides(aligned);
        var count = (int)ShapeMath.Product(target);
        var dst = new byte[count * size];
        var index = new int[target.Length];
        for (var o = 0; o < count; o++)
        {
            var offset = 0L;
            for (var i = 0; i < target.Length; i++) offset += aligned[i] == 1 ? 0 : index[i] * sourceStrides[i];
            data.Bytes.Slice((int)offset * size, size).CopyTo(dst.AsSpan(o * size, size));
            for (var i = target.Length - 1; i >= 0; i--)
            {
                if (++index[i] < target[i]) break;
                index[i] = 0;
            }
        }
        return TensorData.FromBytes(data.Type, dst);
    }

    public static long[] Strides(ImmutableArray<int> shape)
    {
        var strides = new long[shape.Length];
        var s = 1L;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /// <summary>ONNX QuantizeLinear on a constant: x / scale in float32, round half to even, + zp, saturate.</summary>
    public static TensorData Quantize(float[] values, Quantization q, ImmutableArray<int> shape, ElementType type)
    {
        var (lo, hi) = type == ElementType.UInt8 ? (0, 255) : type == ElementType.Int8 ? (-128, 127) : (int.MinValue, int.MaxValue);
        var axisStride = q.IsPerChannel ? Strides(shape)[q.Axis] : 1;
        var channels = q.IsPerChannel ? shape[q.Axis] : 1;
        var result = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var c = q.IsPerChannel ? (int)(i / axisStride % channels) : 0;
            var scaled = MathF.Round(values[i] / q.Scales[c], MidpointRounding.ToEven);
            result[i] = (long)Math.Clamp((double)scaled + q.ZeroPoints[c], lo, hi);
        }
        return type switch
        {
            ElementType.Int8 => TensorData.FromInt8(result.Select(v => (sbyte)v).ToArray()),
            ElementType.UInt8 => TensorData.FromUInt8(result.Select(v => (byte)v).ToArray()),
            ElementType.Int32 => TensorData.FromInt32(result.Select(v => (int)v).ToArray()),
            _ => throw new ArgumentException($"cannot quantize to {type.DisplayName()}"),
        };
    }
}
