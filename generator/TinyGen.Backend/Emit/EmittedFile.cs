namespace TinyGen.Emit;

/// <summary>One file of an emitted project: a '/'-separated path relative to the project folder and its text.</summary>
public sealed record EmittedFile(string RelativePath, string Content);
