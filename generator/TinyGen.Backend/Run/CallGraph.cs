using System.Globalization;
using System.Text.RegularExpressions;

namespace TinyGen.Run;

/// <summary>
/// The static call graph of one image from gcc's -fcallgraph-info=su files (one .ci per unit, VCG text):
/// every function compiled with its stack frame and whether that frame is bounded, and who calls whom.
/// <see cref="WorstPath"/> sums frames along the deepest call chain from a function, which bounds the stack
/// it can need, as long as nothing on the way recurses or has an unbounded (alloca/VLA) frame.
/// </summary>
public sealed partial class CallGraph
{
    /// <summary>The node gcc draws for a call through a pointer; its possible targets are the caller's to say.</summary>
    public const string IndirectCall = "__indirect_call";

    /// <summary>What a call to a function without a .ci of its own (newlib's memcpy, memset) is assumed to take.</summary>
    public const long UnknownCalleeAllowance = 64;

    /// <summary>What a Cortex-M core pushes on taking an exception with a floating-point context: 26 words, plus 4 bytes of realignment.</summary>
    public const long ExceptionFrameBytes = 108;

    private readonly Dictionary<string, (long Bytes, bool Bounded)> frames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> callees = new(StringComparer.Ordinal);
    private readonly HashSet<string> projectFunctions = new(StringComparer.Ordinal);

    /// <param name="unitFiles">Each unit's .ci; <c>Project</c> marks units of the emitted project (model, glue), whose functions may be called through pointers.</param>
    public static CallGraph Read(IEnumerable<(string Path, bool Project)> unitFiles)
    {
        var graph = new CallGraph();
        foreach (var (path, project) in unitFiles.Where(u => File.Exists(u.Path)))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (NodeLine().Match(line) is { Success: true } node)
                {
                    var title = node.Groups["title"].Value;
                    var bytes = long.Parse(node.Groups["bytes"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                    var kind = node.Groups["kind"].Value;
                    graph.frames[title] = (bytes, kind == "static" || kind.Contains("bounded", StringComparison.Ordinal));
                    if (project) graph.projectFunctions.Add(title);
                }
                else if (EdgeLine().Match(line) is { Success: true } edge)
                {
                    var source = edge.Groups["source"].Value;
                    if (!graph.callees.TryGetValue(source, out var targets)) graph.callees[source] = targets = new(StringComparer.Ordinal);
                    targets.Add(edge.Groups["target"].Value);
                }
            }
        }
        return graph;
    }

    public bool Contains(string function) => frames.ContainsKey(function);

    /// <summary>Functions whose name ends in "_handler" other than the reset handler: interrupts that may land on any stack depth.</summary>
    public IEnumerable<string> InterruptHandlers =>
        frames.Keys.Where(f => f.EndsWith("_handler", StringComparison.Ordinal) && !f.EndsWith("reset_handler", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>
    /// The deepest chain from <paramref name="root"/>: frames summed, the chain itself, whether the sum is a true bound.
    /// A call through a pointer may reach any function of the emitted project (the harness calls invoke and the
    /// glue's accessors that way); a call to a function with no frame on record counts <see cref="UnknownCalleeAllowance"/>.
    /// </summary>
    public StackBound WorstPath(string root)
    {
        if (!frames.ContainsKey(root)) return new StackBound(0, false, [root], $"no unit compiled {root}");
        var memo = new Dictionary<string, StackBound>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        return Walk(root);

        StackBound Walk(string function)
        {
            if (memo.TryGetValue(function, out var known)) return known;
            if (!onPath.Add(function)) return new StackBound(0, false, [function], $"recursion through {function}");
            StackBound result;
            if (function == IndirectCall)
            {
                var target = Deepest(projectFunctions.Order(StringComparer.Ordinal).Where(f => !onPath.Contains(f)));
                result = target with { Chain = [IndirectCall, .. target.Chain] };
            }
            else if (!frames.TryGetValue(function, out var frame))
                result = new StackBound(UnknownCalleeAllowance, true, [function], null);
            else
            {
                var deepest = Deepest(callees.GetValueOrDefault(function) ?? []);
                result = new StackBound(frame.Bytes + deepest.Bytes, frame.Bounded && deepest.Bounded, [function, .. deepest.Chain],
                    frame.Bounded ? deepest.Problem : $"{function} has a dynamic stack frame");
            }
            onPath.Remove(function);
            memo[function] = result;
            return result;
        }

        StackBound Deepest(IEnumerable<string> candidates)
        {
            var best = StackBound.Zero;
            string? problem = null;
            foreach (var candidate in candidates)
            {
                var bound = Walk(candidate);
                if (bound.Bytes > best.Bytes) best = bound;
                problem ??= bound.Problem;
            }
            return problem is null ? best : best with { Bounded = false, Problem = problem };
        }
    }

    /// <summary>
    /// What a program entered at <paramref name="entry"/> can need: its deepest chain, plus once the deepest
    /// interrupt handler chain and the <see cref="ExceptionFrameBytes"/> the core stacks on entering it.
    /// </summary>
    public StackBound ProgramBound(string entry)
    {
        var main = WorstPath(entry);
        var handlers = InterruptHandlers.Select(WorstPath).ToList();
        if (handlers.Count == 0) return main;
        var deepest = handlers.MaxBy(h => h.Bytes)!;
        var problem = main.Problem ?? handlers.Select(h => h.Problem).FirstOrDefault(p => p is not null);
        return new StackBound(main.Bytes + deepest.Bytes + ExceptionFrameBytes, problem is null,
            [.. main.Chain, $"+ interrupt {deepest.Chain.FirstOrDefault()}"], problem);
    }

    [GeneratedRegex("""^node: \{ title: "(?<title>[^"]+)" label: "[^"]*\\n(?<bytes>\d+) bytes \((?<kind>[a-z, ]+)\)" """)]
    private static partial Regex NodeLine();

    [GeneratedRegex("""^edge: \{ sourcename: "(?<source>[^"]+)" targetname: "(?<target>[^"]+)" """)]
    private static partial Regex EdgeLine();
}

/// <summary>A stack need summed along <see cref="Chain"/>; when not <see cref="Bounded"/>, <see cref="Problem"/> says why it is only a lower bound.</summary>
public sealed record StackBound(long Bytes, bool Bounded, IReadOnlyList<string> Chain, string? Problem)
{
    public static readonly StackBound Zero = new(0, true, [], null);

    public override string ToString() => $"{Bytes} bytes{(Bounded ? "" : $" at least ({Problem})")} via {string.Join(" -> ", Chain)}";
}
