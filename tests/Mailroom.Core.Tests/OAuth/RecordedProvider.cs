using System.Net;
using System.Text;

namespace Mailroom.Core.Tests.OAuth;

/// <summary>
/// Answers token requests with responses recorded from the real providers (in the order queued) and keeps each
/// request Mailroom sent, so a test can check the endpoint, the grant and every form field.
/// </summary>
internal sealed class RecordedProvider : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body)> _answers = new();

    public List<(Uri Url, Dictionary<string, string> Form)> Requests { get; } = [];

    public RecordedProvider Answer(HttpStatusCode status, string json)
    {
        _answers.Enqueue((status, json));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var form = body.Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
        Requests.Add((request.RequestUri!, form));
        Assert.True(_answers.Count > 0, $"Unexpected token request to {request.RequestUri}: {body}");
        var (status, json) = _answers.Dequeue();
        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
