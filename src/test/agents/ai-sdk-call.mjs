// One Vercel AI SDK call against Switchyard, for AiSdkIT: prints what the SDK returned as one JSON line.
// Usage: node ai-sdk-call.mjs <openai|anthropic|google> <generate|stream|tools> <model>
// The gateway comes from SWITCHYARD_URL (http://host:port) and SWITCHYARD_KEY.
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { z } from 'zod';

const [sdk, operation, modelName] = process.argv.slice(2);
const gateway = process.env.SWITCHYARD_URL;
const apiKey = process.env.SWITCHYARD_KEY;

// The base URLs a user gives each SDK provider to reach Switchyard.
const providers = {
  openai: () => createOpenAI({ baseURL: `${gateway}/v1`, apiKey }).chat(modelName),
  anthropic: () => createAnthropic({ baseURL: `${gateway}/anthropic/v1`, apiKey })(modelName),
  google: () => createGoogleGenerativeAI({ baseURL: `${gateway}/gemini/v1beta`, apiKey })(modelName),
};

// Every call sets its output limit: the Anthropic provider warns when it must guess one for a model it does not know.
const limits = { maxOutputTokens: 1000, maxRetries: 0 };

const weather = tool({
  description: 'The current weather in a city.',
  inputSchema: z.object({ city: z.string().describe('The city name') }),
  execute: async ({ city }) => ({ city, forecast: 'sunny', temperatureC: 21 }),
});

const operations = {
  async generate(model) {
    const result = await generateText({ model, prompt: 'Say hello.', ...limits });
    return { text: result.text, finishReason: result.finishReason, usage: tokens(result.usage) };
  },

  async stream(model) {
    let failure; // streamText reports stream errors here instead of throwing them
    const result = streamText({ model, prompt: 'Say hello.', ...limits, onError: ({ error }) => (failure = error) });
    const parts = [];
    for await (const part of result.textStream) {
      parts.push(part);
    }
    if (failure) {
      throw failure;
    }
    return {
      text: parts.join(''),
      textParts: parts.length,
      finishReason: await result.finishReason,
      usage: tokens(await result.usage),
    };
  },

  async tools(model) {
    const result = await generateText({
      model,
      prompt: 'What is the weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(2),
      ...limits,
    });
    return {
      text: result.text,
      finishReason: result.finishReason,
      steps: result.steps.map((step) => ({
        finishReason: step.finishReason,
        toolCalls: step.toolCalls.map((call) => ({ toolName: call.toolName, input: call.input })),
        toolResults: step.toolResults.map((res) => ({ toolName: res.toolName, output: res.output })),
        usage: tokens(step.usage),
      })),
      totalUsage: tokens(result.totalUsage),
    };
  },
};

function tokens(usage) {
  return { inputTokens: usage?.inputTokens ?? null, outputTokens: usage?.outputTokens ?? null };
}

try {
  if (!providers[sdk] || !operations[operation] || !modelName) {
    throw new Error(`usage: node ai-sdk-call.mjs <${Object.keys(providers)}> <${Object.keys(operations)}> <model>`);
  }
  const answer = await operations[operation](providers[sdk]());
  process.stdout.write(JSON.stringify(answer) + '\n');
} catch (error) {
  process.stderr.write(`${error?.stack ?? error}\n`);
  if (error?.responseBody) {
    process.stderr.write(`response body: ${error.responseBody}\n`);
  }
  process.exitCode = 1;
}
