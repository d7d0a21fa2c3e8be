namespace BladderLnAi.Jobs.Messages;

/// <summary>
/// Request to analyse one slide, sent by a web host to the workers' queue. The worker that takes it proves to the
/// web host that it was given the job by returning <see cref="Ticket"/>.
/// </summary>
/// <param name="SlidePath">
/// Full path of the slide file on the shared slide storage, which every node mounts at the same path.
/// </param>
/// <param name="Ticket">Secret of this request; the web host keeps only its SHA-256 hash.</param>
public sealed record AnalyzeSlide(
    Guid JobId,
    string SlideId,
    string SlideFileName,
    string SlidePath,
    string Ticket,
    DateTime RequestedUtc);

/// <summary>Asks every worker to stop the job if it is running it. The web host has already marked it cancelled.</summary>
public sealed record CancelAnalysis(Guid JobId);
