import { ViewScaffold } from '../../app/ViewScaffold';

export default function EditPage() {
  return <ViewScaffold view="edit" />;
}
