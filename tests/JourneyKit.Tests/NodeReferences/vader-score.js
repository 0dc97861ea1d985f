// Scores sentences with the reference VADER port (npm vader-sentiment 1.1.3) for JourneyKit's tests.
// Input: a JSON array of strings (file given as the first argument). Output: a JSON array of
// {neg, neu, pos, compound} on stdout, in the same order.
const fs = require('fs');
const vader = require('vader-sentiment');
const sentences = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const scores = sentences.map(s => vader.SentimentIntensityAnalyzer.polarity_scores(s));
process.stdout.write(JSON.stringify(scores));
