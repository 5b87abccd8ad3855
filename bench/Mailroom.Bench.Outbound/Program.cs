using Mailroom.Bench.Outbound;

// Queues N replies at a steady rate through the real use case and the real sender against the local
// Postfix, then reports send throughput and queue→250 latency. Usage:
//   SMTP_PORT=2725 dotnet run -c Release --project bench/Mailroom.Bench.Outbound -- [count=2000] [rate=20] [postgres-connection-string]
var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
var rate = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
var postgres = args.Length > 2 ? args[2] : null;
var smtpPort = int.Parse(Environment.GetEnvironmentVariable("SMTP_PORT") ?? "2525", System.Globalization.CultureInfo.InvariantCulture);
await OutboundBench.RunAsync(count, rate, smtpPort, postgres);
