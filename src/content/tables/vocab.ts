/**
 * Word lists for table content, per genre. Faker supplies the open-ended words (products, companies, places,
 * people); these lists supply the closed vocabularies faker lacks (methods, datasets, metrics, line items).
 */

export const METHODS = [
  'SVM', 'Random Forest', 'XGBoost', 'LightGBM', 'k-NN', 'Logistic Regression', 'Naive Bayes', 'MLP', 'CNN', 'LSTM',
  'BiLSTM-CRF', 'GRU', 'ResNet-18', 'ResNet-50', 'ResNet-101', 'VGG-16', 'DenseNet-121', 'EfficientNet-B0', 'MobileNetV2',
  'ViT-B/16', 'ViT-L/16', 'Swin-T', 'DeiT-S', 'ConvNeXt-T', 'BERT-base', 'BERT-large', 'RoBERTa', 'ALBERT', 'XLNet', 'T5-small',
  'GPT-2', 'DistilBERT', 'ELECTRA', 'GCN', 'GAT', 'GraphSAGE', 'U-Net', 'Mask R-CNN', 'Faster R-CNN', 'YOLOv5', 'DETR', 'SimCLR',
  'MoCo v2', 'BYOL', 'DINO', 'CLIP', 'Transformer', 'Seq2Seq', 'PointNet++', 'NeRF', 'PPO', 'DQN', 'SAC', 'AdaBoost', 'CatBoost',
];
export const OURS = ['Ours', 'Ours (full)', 'Proposed', 'Ours (w/o attn.)', 'Ours + aug.'];
export const DATASETS = [
  'CIFAR-10', 'CIFAR-100', 'ImageNet', 'MNIST', 'SVHN', 'COCO', 'VOC 2012', 'Cityscapes', 'SQuAD', 'GLUE', 'MNLI', 'SST-2',
  'WikiText', 'PTB', 'Cora', 'Citeseer', 'PubMed', 'KITTI', 'ADE20K', 'LibriSpeech', 'Adult', 'MIMIC-III', 'CelebA', 'STL-10',
];
/** name, low, high, decimals, higher is better */
export const METRICS: ReadonlyArray<readonly [string, number, number, number, boolean]> = [
  ['Acc.', 60, 98, 2, true], ['Acc. (%)', 60, 98, 1, true], ['F1', 0.55, 0.97, 3, true], ['Precision', 0.5, 0.98, 3, true],
  ['Recall', 0.5, 0.98, 3, true], ['AUC', 0.6, 0.99, 3, true], ['mAP', 20, 65, 1, true], ['BLEU', 15, 45, 2, true],
  ['ROUGE-L', 25, 55, 2, true], ['RMSE', 0.1, 3, 3, false], ['MAE', 0.05, 2, 3, false], ['Top-1', 55, 88, 1, true],
  ['Top-5', 80, 98, 1, true], ['PSNR (dB)', 24, 38, 2, true], ['SSIM', 0.7, 0.98, 3, true], ['IoU', 0.4, 0.9, 3, true],
  ['EM', 50, 90, 1, true], ['Time (s)', 0.5, 300, 1, false], ['Params (M)', 1, 350, 1, false], ['FLOPs (G)', 0.3, 60, 2, false],
];
export const SCI_GROUPS = ['Supervised', 'Self-supervised', 'Unsupervised', 'Zero-shot', 'Few-shot', 'Baselines', 'CNN-based', 'Transformer-based', 'Classical', 'Ensembles'];
export const SCI_TEXT_COLS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Backbone', ['ResNet-50', 'ViT-B', 'ResNet-101', 'Swin-T', 'VGG-16', 'BERT', 'None']],
  ['Venue', ['NeurIPS', 'ICML', 'ICLR', 'CVPR', 'ACL', 'EMNLP', 'AAAI', 'KDD', 'ECCV']],
  ['Pre-training', ['ImageNet-1k', 'ImageNet-21k', 'None', 'JFT-300M', 'LAION', 'Wikipedia']],
  ['Loss', ['Cross-entropy', 'Focal', 'Contrastive', 'Triplet', 'Hinge', 'MSE']],
];

export const REGIONS = ['North America', 'Latin America', 'Europe', 'Middle East', 'Africa', 'Asia Pacific', 'EMEA', 'APAC', 'Nordics', 'Oceania'];
export const DIVISIONS = ['Consumer', 'Enterprise', 'Healthcare', 'Industrial', 'Retail', 'Energy', 'Logistics', 'Services', 'Software', 'Hardware', 'Public sector'];
export const STATUSES = ['On track', 'At risk', 'Delayed', 'Completed', 'Planned', 'In progress', 'Closed'];
export const REPORT_MEASURES: ReadonlyArray<readonly [string, 'money' | 'int' | 'pct' | 'growth']> = [
  ['Revenue ($K)', 'money'], ['Sales', 'money'], ['Net income', 'money'], ['Budget', 'money'], ['Actual', 'money'],
  ['Units sold', 'int'], ['Customers', 'int'], ['Employees', 'int'], ['Orders', 'int'], ['Growth (%)', 'growth'],
  ['Share (%)', 'pct'], ['Margin (%)', 'pct'], ['Change', 'growth'], ['Target', 'money'], ['Variance', 'growth'],
];

export const FIN_SECTIONS: ReadonlyArray<readonly [string, readonly string[], string]> = [
  ['Revenue', ['Product sales', 'Service revenue', 'Licensing fees', 'Subscription revenue', 'Other revenue', 'Interest income'], 'Total revenue'],
  ['Operating expenses', ['Cost of goods sold', 'Research and development', 'Selling and marketing', 'General and administrative', 'Depreciation and amortization', 'Restructuring charges'], 'Total operating expenses'],
  ['Current assets', ['Cash and cash equivalents', 'Accounts receivable', 'Inventories', 'Prepaid expenses', 'Short-term investments'], 'Total current assets'],
  ['Liabilities', ['Accounts payable', 'Accrued liabilities', 'Deferred revenue', 'Long-term debt', 'Lease obligations', 'Income taxes payable'], 'Total liabilities'],
  ['Cash flows', ['Net income', 'Depreciation', 'Changes in working capital', 'Capital expenditures', 'Dividends paid', 'Share repurchases'], 'Net change in cash'],
];
export const FIN_UNITS = ['(in thousands)', '(in millions)', 'USD thousands', '€ million', '(unaudited)', ''];

export const UNITS = ['pcs', 'h', 'kg', 'box', 'm', 'set', 'ea', 'l', 'pack'];
export const SERVICES = ['Consulting', 'Installation', 'Maintenance', 'Support', 'Training', 'Design work', 'Shipping and handling', 'Project management', 'Site survey', 'Licence renewal'];
export const GROCERIES = ['Milk', 'Bread', 'Eggs', 'Coffee', 'Apples', 'Bananas', 'Cheese', 'Butter', 'Rice', 'Pasta', 'Tomatoes', 'Yogurt', 'Chicken', 'Orange juice', 'Cereal', 'Tea', 'Sugar', 'Olive oil', 'Water', 'Chocolate', 'Salad', 'Onions', 'Potatoes', 'Soap', 'Shampoo', 'Batteries'];

export const ROOMS = ['Hall A', 'Hall B', 'Room 101', 'Room 204', 'Auditorium', 'Ballroom', 'Studio 3', 'Lab 2', 'Main stage', 'Annex'];
export const SESSION_KINDS = ['Keynote', 'Workshop', 'Panel', 'Tutorial', 'Talk', 'Poster session', 'Lunch break', 'Coffee break', 'Demo', 'Round table'];
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
