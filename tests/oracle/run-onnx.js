#!/usr/bin/env node
// Runs one ONNX model once with onnxruntime (CPU) and prints its outputs as JSON.
// TinyGen's tests use it as an oracle nobody on the project wrote; see README.md here.
//
// Request (JSON on stdin):
//   { "model": "path/to/model.onnx"            (or "modelBase64": "<bytes of the model>"),
//     "optimization": "disabled",               (optional: disabled | basic | extended | layout | all)
//     "inputs": [ { "name": "x",                (optional: defaults to the model's inputs in order)
//                   "type": "int8",             (int8 uint8 int16 uint16 int32 uint32 int64 uint64 float16 float32 float64 bool)
//                   "dims": [1, 3, 4, 4],
//                   "data": "<base64 of little-endian values>" } ] }
// Response (JSON on stdout):
//   { "outputs": [ { "name": "y", "type": "int8", "dims": [..],
//                    "data": [numbers],            (readable; NaN/Infinity and 64-bit values past 2^53 as strings)
//                    "base64": "<raw little-endian bytes, exact for every type>" } ] }
// Errors: a message on stderr; exit code 2 for a malformed request, 1 when onnxruntime fails.
//
// Command-line form for people (same response on stdout):
//   node run-onnx.js MODEL.onnx IN1.bin:int8:1,49,10,1 [IN2.bin:float32:1,4] [--optimization=all]
//   node run-onnx.js --version     (prints versions; exits non-zero unless the native binding loads)
'use strict';

const fs = require('node:fs');

const TYPED_ARRAYS = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array, // raw IEEE half bits
  bool: Uint8Array,
};

const OPTIMIZATION_LEVELS = ['disabled', 'basic', 'extended', 'layout', 'all'];

class RequestError extends Error {}

function readStdin() {
  return fs.readFileSync(0, 'utf8');
}

function requestFromArguments(argv) {
  const request = { inputs: [] };
  for (const arg of argv) {
    if (arg.startsWith('--optimization=')) {
      request.optimization = arg.slice('--optimization='.length);
    } else if (request.model === undefined) {
      request.model = arg;
    } else {
      // Split from the right so that paths containing ':' still work.
      const parts = arg.split(':');
      if (parts.length < 3) {
        throw new RequestError(`input '${arg}' must be FILE:TYPE:DIMS, e.g. in.bin:int8:1,49,10,1`);
      }
      const dimsText = parts.pop();
      const type = parts.pop();
      const file = parts.join(':');
      const dims = dimsText === '' ? [] : dimsText.split(',').map(Number);
      request.inputs.push({ type, dims, data: fs.readFileSync(file).toString('base64') });
    }
  }
  return request;
}

function elementCount(dims) {
  return dims.reduce((product, d) => product * d, 1);
}

function toTensor(ort, input, index) {
  const where = `inputs[${index}]${input.name ? ` ('${input.name}')` : ''}`;
  const ArrayType = TYPED_ARRAYS[input.type];
  if (!ArrayType) {
    throw new RequestError(`${where}: unknown type '${input.type}' (known: ${Object.keys(TYPED_ARRAYS).join(', ')})`);
  }
  if (!Array.isArray(input.dims) || !input.dims.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new RequestError(`${where}: dims must be an array of non-negative integers`);
  }
  if (typeof input.data !== 'string') {
    throw new RequestError(`${where}: data must be a base64 string of little-endian values`);
  }
  const bytes = Buffer.from(input.data, 'base64');
  const count = elementCount(input.dims);
  const expected = count * ArrayType.BYTES_PER_ELEMENT;
  if (bytes.length !== expected) {
    throw new RequestError(`${where}: ${bytes.length} data bytes, but ${input.type} ${JSON.stringify(input.dims)} needs ${expected}`);
  }
  // Copy into a fresh, aligned buffer: Buffer slices may start at an unaligned offset.
  const values = new ArrayType(count);
  new Uint8Array(values.buffer).set(bytes);
  return new ort.Tensor(input.type, values, input.dims); // bool travels as one byte per value
}

function readableValue(value) {
  if (typeof value === 'bigint') {
    const asNumber = Number(value);
    return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (!Number.isFinite(value)) {
    return String(value); // "NaN", "Infinity", "-Infinity": JSON has no such numbers
  }
  return value;
}

function halfToNumber(bits) {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0x1f) {
    return fraction ? 'NaN' : sign > 0 ? 'Infinity' : '-Infinity';
  }
  return exponent === 0 ? sign * fraction * 2 ** -24 : sign * (1024 + fraction) * 2 ** (exponent - 25);
}

function describeOutput(name, tensor) {
  const data = tensor.data;
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    name,
    type: tensor.type,
    dims: Array.from(tensor.dims, Number),
    data: tensor.type === 'float16' ? Array.from(data, halfToNumber) : Array.from(data, readableValue),
    base64: raw.toString('base64'),
  };
}

async function run(request) {
  if (request === null || typeof request !== 'object') {
    throw new RequestError('request must be a JSON object');
  }
  const optimization = request.optimization ?? 'disabled';
  if (!OPTIMIZATION_LEVELS.includes(optimization)) {
    throw new RequestError(`optimization '${optimization}' is not one of ${OPTIMIZATION_LEVELS.join(', ')}`);
  }
  let model;
  if (typeof request.modelBase64 === 'string') {
    model = Buffer.from(request.modelBase64, 'base64');
  } else if (typeof request.model === 'string') {
    if (!fs.existsSync(request.model)) {
      throw new RequestError(`model file not found: ${request.model}`);
    }
    model = fs.readFileSync(request.model);
  } else {
    throw new RequestError("request needs 'model' (a path) or 'modelBase64'");
  }
  const inputs = request.inputs ?? [];
  if (!Array.isArray(inputs)) {
    throw new RequestError("'inputs' must be an array");
  }

  // Loaded only now so that a malformed request is reported even where onnxruntime is missing.
  const ort = require('onnxruntime-node');
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: optimization,
    // One thread, sequential: results must not depend on how work is split.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    logSeverityLevel: 3,
  });
  try {
    if (inputs.length !== session.inputNames.length) {
      throw new RequestError(
        `model has ${session.inputNames.length} input(s) (${session.inputNames.join(', ')}), request gives ${inputs.length}`);
    }
    const feeds = {};
    inputs.forEach((input, index) => {
      const name = input.name ?? session.inputNames[index];
      if (!session.inputNames.includes(name)) {
        throw new RequestError(`inputs[${index}]: model has no input '${name}' (inputs: ${session.inputNames.join(', ')})`);
      }
      feeds[name] = toTensor(ort, input, index);
    });
    const results = await session.run(feeds);
    return { outputs: session.outputNames.map((name) => describeOutput(name, results[name])) };
  } finally {
    await session.release();
  }
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && argv[0] === '--version') {
    // Availability probe: fails unless the native CPU binding really loads on this machine.
    const ort = require('onnxruntime-node');
    process.stdout.write(JSON.stringify({ onnxruntime: ort.env.versions.node, node: process.versions.node }) + '\n');
    return;
  }
  let request;
  try {
    request = argv.length > 0 ? requestFromArguments(argv) : JSON.parse(readStdin());
  } catch (error) {
    process.stderr.write(`run-onnx: bad request: ${error.message}\n`);
    process.exit(2);
  }
  try {
    const response = await run(request);
    process.stdout.write(JSON.stringify(response) + '\n');
  } catch (error) {
    const kind = error instanceof RequestError ? 'bad request' : 'onnxruntime failed';
    process.stderr.write(`run-onnx: ${kind}: ${error.message}\n`);
    process.exitCode = error instanceof RequestError ? 2 : 1;
  }
}

main();
