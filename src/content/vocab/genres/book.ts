/** Fiction and narrative non-fiction: people, places, weather, dialogue-free prose. */
import { remember, type Ctx, type GenreCorpus } from '../template.js';

/** A first name; the pronouns {pron!} and {poss!} that follow agree with it. */
function name(c: Ctx): string {
  const female = c.rng.chance(0.5);
  remember(c, 'pron', female ? 'she' : 'he');
  remember(c, 'poss', female ? 'her' : 'his');
  return c.f.person.firstName(female ? 'female' : 'male');
}

export const book: GenreCorpus = {
  slots: {
    name,
    since: ['that winter', 'the war', '{oldyear}', 'the spring of {oldyear}', 'the funeral', 'childhood', 'the summer {pron!} turned {n}'],
    place: ['the old house', 'the harbour', 'the station', 'the kitchen', 'the garden', 'the village square', 'the library', 'the hospital', 'the shore', 'the attic', 'the church', 'the market', 'the orchard', 'the bridge', 'the inn'],
    time_of: ['that morning', 'in the evening', 'at dawn', 'after supper', 'late that night', 'in the spring of {oldyear}', 'on the {ordinal} day', 'the following winter', 'for a long time', 'before the war', 'some years later'],
    verb_past: ['walked', 'waited', 'listened', 'looked out of the window', 'sat down', 'stood still', 'turned away', 'hesitated', 'smiled', 'closed the door', 'began to write', 'lit a cigarette', 'kept silent'],
    feeling: ['tired', 'afraid', 'relieved', 'uneasy', 'strangely calm', 'angry', 'happy', 'alone', 'ashamed', 'curious', 'restless'],
    object: ['a letter', 'the key', 'an old photograph', 'the lamp', 'her coat', 'his notebook', 'a wooden box', 'the map', 'a cup of tea', 'the newspaper', 'a small knife', 'the ring'],
    weather: ['The rain had stopped', 'A cold wind came off the sea', 'The sun was already low', 'Snow was falling again', 'The air smelled of smoke', 'Fog lay over the fields', 'It was a warm, still afternoon', 'The clouds were breaking up'],
    pron: ['she', 'he', 'they'],
    poss: ['her', 'his', 'their'],
    relative: ['mother', 'father', 'brother', 'sister', 'uncle', 'aunt', 'grandmother', 'oldest friend', 'neighbour', 'teacher'],
  },
  sentences: [
    '{weather}[ when {name} reached {place}].',
    '{name} {verb_past}[ and said nothing].',
    '{name} had not been to {place} since {since}.',
    '<For a moment|At first|Suddenly|Even then>, {name} felt {feeling}.',
    'There was {object} on the table[, and beside it {object}].',
    '{name} picked up {object} and turned it over in {poss!} hands.',
    'It was {time_of} that {name} first heard the news.',
    '{name} thought of {poss!} {relative}, who had lived in {city} for years.',
    'Nobody in {place} remembered the name {surname}.',
    'The house was quiet[, except for the ticking of the clock].',
    '<Later|Afterwards|Years later>, {name} would remember this as the day everything changed.',
    '{name} did not answer[; {pron!} was watching the road].',
    'From {place} one could see the lights of {city}.',
    '{name} and {name} walked together as far as {place}.',
    'Something about the way {name} spoke made {name} feel {feeling}.',
    'The letter was dated {date}[ and signed only with an initial].',
    '{weather}, and the streets were empty.',
    'It had taken {numword} days to reach {place}.',
    '{name} knew {pron!} should leave, but {pron!} stayed.',
    'In the distance a dog was barking.',
    '<Perhaps|Maybe> it was better not to know.',
    'When {name} woke, the room was full of light.',
    '{name} had always been {feeling} in {place}.',
    'The {relative} had left {object} behind[ when {pron!} went away].',
    'Nobody spoke for a long while.',
    'There were {numword} of them at the table that night.',
    '{name} <remembered|could still see|had never forgotten> {object} {time_of}.',
    'The <road|path|street|corridor> to {place} was <longer|darker|narrower|quieter> than {name} remembered.',
    '{name} had <written|promised|meant> to <call|write to|visit> {poss!} {relative} {time_of}[, but never did].',
    '{weather}; somewhere below, a <door|gate|window|shutter> was banging.',
    'At {place}, {name} <found|met|lost|left> {object}[ and, with it, {poss!} courage].',
    '"<Come in|Sit down|Wait here|Look at this>," said {name}[, without looking up].',
    'By the time they reached {place}, it was <dark|raining|almost noon|too late>.',
    '<Nobody|No one> had lived at {place} for {numword} years.',
  ],
  short: ['Nobody answered.', 'It was late.', '{name} waited.', 'Then it was over.', 'The door closed.', '{name} was gone.', '{name} did not reply.', 'Nothing moved.', 'It began to rain.', 'Silence followed.', 'So it began.'],
  headings: ['chapter {numword}', 'part {numword}', 'prologue', 'epilogue', '{place}', 'the {ordinal} letter', '{name}', 'the return', 'winter', 'a long journey', 'the house in {city}', 'afterwards'],
  captions: ['{name} and {poss!} {relative} in {city}, {oldyear}.', 'The view from {place}.', 'A page from {poss!} notebook, dated {date}.', 'Map of {city} and the surrounding country.'],
  items: ['{object}', 'A visit to {place}', 'The letter from {city}', 'Her {relative} in {city}', 'Sunday at {place}', 'The journey home'],
  titles: ['The {relative} from {city}', 'A winter in {city}', 'The house by the <sea|river|lake|woods>', 'Letters to {name}', 'The last days of {name} {surname}', 'Under a {colour} sky'],
  header: ['{person}', 'The house by the sea', 'Chapter {numword}'],
  footer: ['{n3}', 'First published in {year}', '© {person} {year}'],
};
