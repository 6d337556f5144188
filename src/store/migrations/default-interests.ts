/** The interest taxonomy a fresh install starts with; the platform can replace it. */
export interface InterestSeed {
  id: string;
  name: string;
  parentId: string | null;
}

const TOP_LEVEL: [string, string][] = [
  ['beauty', 'Beauty & personal care'],
  ['fashion', 'Apparel & accessories'],
  ['fitness', 'Sports & fitness'],
  ['food', 'Food & beverage'],
  ['travel', 'Travel'],
  ['gaming', 'Games'],
  ['tech', 'Tech & electronics'],
  ['music', 'Music'],
  ['pets', 'Pets'],
  ['home', 'Home & garden'],
  ['parenting', 'Baby, kids & maternity'],
  ['finance', 'Financial services'],
  ['education', 'Education'],
  ['auto', 'Vehicles & transportation'],
  ['comedy', 'Comedy & entertainment'],
  ['diy', 'DIY & crafts'],
  ['news', 'News & current affairs'],
  ['health', 'Health & wellness'],
  ['outdoors', 'Outdoors'],
  ['books', 'Books & reading'],
];

const CHILDREN: [string, string][] = [
  ['fitness.running', 'Running'],
  ['fitness.yoga', 'Yoga'],
  ['fitness.gym', 'Gym & strength'],
  ['beauty.skincare', 'Skincare'],
  ['beauty.makeup', 'Makeup'],
  ['fashion.sneakers', 'Sneakers'],
  ['food.cooking', 'Cooking'],
  ['food.coffee', 'Coffee'],
  ['gaming.mobile', 'Mobile games'],
  ['tech.phones', 'Phones'],
];

export const DEFAULT_INTERESTS: InterestSeed[] = [
  ...TOP_LEVEL.map(([id, name]) => ({ id, name, parentId: null })),
  ...CHILDREN.map(([id, name]) => ({ id, name, parentId: id.split('.')[0] as string })),
];
